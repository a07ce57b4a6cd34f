import { execFileSync } from 'node:child_process'
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
        // '' first: an import that names its file whole (`./patch-postgres.mjs`)
        ['', '.ts', '.tsx', '/index.ts']
          .map((x) => base + x)
          .find((f) => statSync(join(root, f), { throwIfNoEntry: false })?.isFile()) ?? base
      )
    })

  it('loads no PDF, workbook or certificate library before the service listens: they load with first use (README «Reliability»)', () => {
    const seen = new Set<string>()
    const reached: string[] = []
    const walk = (file: string, from: string) => {
      if (seen.has(file)) return
      seen.add(file)
      for (const spec of staticImports(file)) {
        if (spec.startsWith('src/') || spec.startsWith('workflows/')) walk(spec, file)
        else if (
          /^(@cantoo\/pdf-lib|@cantoo\/fontkit|pdfmake|qrcode|docxtemplater|exceljs|pkijs|asn1js|@peculiar\/x509)/.test(
            spec,
          )
        )
          reached.push(`${file} → ${spec} (via ${from})`)
      }
    }
    // what main.ts imports statically, and what it starts loading while the database opens
    for (const file of [
      'src/main.ts',
      'src/http/app.ts',
      'src/services/keys.ts',
      'src/services/seal-order.ts',
      'src/services/deliver-mail.ts',
    ])
      walk(file, 'start')
    expect(seen.size).toBeGreaterThan(50) // the walk really follows the graph
    expect(reached).toEqual([])
  })

  it('requires no font, PDF or DOCX package when its modules are evaluated (a createRequire at a module top counts too)', () => {
    // the modules main.ts loads before it listens, evaluated in a process of their own; then every CommonJS
    // package loaded so far (fontkit under pdfkit measures text: loaded at the top of typeset.ts, it cost 50 ms)
    const modules = [
      'src/config.ts',
      'src/db/client.ts',
      'src/db/migrate.ts',
      'src/documents/render-pool.ts',
      'src/jobs/loops.ts',
      'src/services/first-start.ts',
      'src/services/signing-key.ts',
      'src/http/app.ts',
      'src/services/keys.ts',
      'src/services/seal-order.ts',
      'src/services/deliver-mail.ts',
    ]
    const script = `
      for (const m of ${JSON.stringify(modules)}) await import(${JSON.stringify(`${root}/`)} + m)
      const { createRequire } = await import('node:module')
      const cache = createRequire(import.meta.url).cache
      console.log(JSON.stringify(Object.keys(cache)))`
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: root,
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .at(-1)!,
    ) as string[]
    expect(loaded.length).toBeGreaterThan(0) // the cache is the one node fills
    const heavy = loaded.filter((f) =>
      /node_modules\/(fontkit|pdfkit|pdfmake|docxtemplater|pizzip|exceljs|qrcode)\//.test(f),
    )
    expect(heavy).toEqual([])
  })
})
