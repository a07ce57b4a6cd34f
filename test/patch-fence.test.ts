import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { assertPostgresRepaired } from '../src/db/client'
import { loadPdfmake } from '../src/documents/pdf-engine'
import { assertBodyCacheHonoured } from '../src/http/middleware/json-body'
import { fenced, fingerprint, PatchFenceError } from '../src/patch-fence'

/**
 * The library internals the service replaces are fenced (src/patch-fence.ts): each replacement runs only
 * over the code it was written for. Here: the fence refuses a changed or missing method by name, and every
 * fence holds on the versions package.json pins.
 */
describe('a fenced replacement', () => {
  function written(a: number) {
    return a + 1
  }
  function changed(a: number) {
    return a + 2
  }

  it('returns the method when its source is the one fingerprinted', () => {
    expect(fenced('lib', 'Thing.prototype.written', written, fingerprint(written))).toBe(written)
    expect(fingerprint(written)).toMatch(/^[0-9a-f]{16}$/)
    expect(fingerprint(written)).not.toBe(fingerprint(changed))
  })

  it('refuses another version of the method, naming the library and the method', () => {
    const attempt = () => fenced('pdfmake', 'Renderer.prototype.renderLine', changed, fingerprint(written))
    expect(attempt).toThrow(PatchFenceError)
    expect(attempt).toThrow(/^pdfmake: метод Renderer\.prototype\.renderLine не тот/)
    expect(attempt).toThrow(`отпечаток ${fingerprint(changed)}, ожидался ${fingerprint(written)}`)
  })

  it('refuses a method that is not there', () => {
    expect(() => fenced('pdfkit', 'PDFReference.prototype.write', undefined, fingerprint(written))).toThrow(
      /^pdfkit: нет метода PDFReference\.prototype\.write/,
    )
    // the name survives a worker thread's boundary: main.ts stops the start on it
    expect(new PatchFenceError('x').name).toBe('PatchFenceError')
  })
})

describe('the fences on the installed libraries', () => {
  it('pdfmake, pdfkit and fontkit: every replaced method is the version it was written for', () => {
    expect(() => loadPdfmake()).not.toThrow()
  })

  it('hono: json() reads the text the body cache holds', async () => {
    await expect(assertBodyCacheHonoured()).resolves.toBeUndefined()
  })
})

describe('the repair of postgres.js', () => {
  const installed = join(dirname(createRequire(import.meta.url).resolve('postgres')), '..', '..')

  it('is in place in node_modules', () => {
    expect(() => assertPostgresRepaired()).not.toThrow()
  })

  it('missing (an install without its scripts), the service refuses to open PostgreSQL, naming the file and the command', () => {
    // a copy of the package's connection code without the repair: node_modules itself is left alone
    const root = mkdtempSync(join(tmpdir(), 'orders-postgres-'))
    try {
      for (const variant of ['src', 'cjs/src']) {
        mkdirSync(join(root, variant), { recursive: true })
        copyFileSync(join(installed, variant, 'connection.js'), join(root, variant, 'connection.js'))
      }
      expect(() => assertPostgresRepaired(root)).not.toThrow()
      const released = join(root, 'cjs/src/connection.js')
      writeFileSync(
        released,
        readFileSync(released, 'utf8').replaceAll('/* orders-service: null socket guard */', '/* as released */'),
      )
      expect(() => assertPostgresRepaired(root)).toThrow(released)
      expect(() => assertPostgresRepaired(root)).toThrow('node src/db/patch-postgres.mjs')
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
