import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const files = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f)
    return statSync(join(root, p)).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : []
  })

const imports = (file: string) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) =>
    relative(root, join(root, file, '..', m[1]!)),
  )

/** The arrows of STYLE.md: which layer may import which. */
const forbidden: [string, string[]][] = [
  ['src/domain', ['src/db', 'src/http', 'src/services', 'src/documents', 'src/jobs', 'workflows']],
  ['workflows', ['src/db', 'src/http', 'src/documents', 'src/services', 'src/jobs']],
  ['src/documents', ['src/db', 'src/http', 'src/services', 'src/jobs']],
  ['src/db', ['src/documents', 'src/services', 'src/http', 'src/jobs']],
  ['src/http', ['src/db']],
  ['src/services', ['src/http', 'src/jobs']],
]

describe('layers', () => {
  it.each(forbidden)('%s imports none of %j', (layer, banned) => {
    const offenders = files(layer).flatMap((f) =>
      imports(f)
        .filter((i) => banned.some((b) => i.startsWith(b)))
        .map((i) => `${f} → ${i}`),
    )
    expect(offenders).toEqual([])
  })

  it('reads the environment only in src/config.ts', () => {
    const readers = files('src').filter(
      (f) => f !== 'src/config.ts' && readFileSync(join(root, f), 'utf8').includes('process.env'),
    )
    expect(readers).toEqual([])
  })
})

describe('start-up', () => {
  // a module's static imports (type-only imports and `import()` excluded), resolved to files of src or package names
  const staticImports = (file: string) =>
    [...readFileSync(join(root, file), 'utf8').matchAll(/^import (?!type )[^;]*?from '([^']+)'/gms)].map((m) => {
      const spec = m[1]!
      if (!spec.startsWith('.')) return spec
      const base = relative(root, join(root, file, '..', spec))
      return (
        ['.ts', '.tsx', '/index.ts']
          .map((x) => base + x)
          .find((f) => statSync(join(root, f), { throwIfNoEntry: false })) ?? base
      )
    })

  it('loads no PDF library before the service listens: they load with the first file (README «Reliability»)', () => {
    const seen = new Set<string>()
    const reached: string[] = []
    const walk = (file: string, from: string) => {
      if (seen.has(file)) return
      seen.add(file)
      for (const spec of staticImports(file)) {
        if (spec.startsWith('src/') || spec.startsWith('workflows/')) walk(spec, file)
        else if (/^(@cantoo\/pdf-lib|@cantoo\/fontkit|pdfmake|qrcode|docxtemplater)/.test(spec))
          reached.push(`${file} → ${spec} (via ${from})`)
      }
    }
    // what main.ts imports statically, and what it starts loading while the database opens
    for (const file of ['src/main.ts', 'src/http/app.ts', 'src/services/keys.ts', 'src/services/seal-order.ts'])
      walk(file, 'start')
    expect(seen.size).toBeGreaterThan(50) // the walk really follows the graph
    expect(reached).toEqual([])
  })
})
