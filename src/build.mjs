// The build `npm start` runs: src/main.ts and the rendering thread's entry bundled to plain JavaScript in
// dist/ (generated, ignored by git), so the service starts under plain `node`, without tsx's loader and its
// evaluation of the TypeScript graph (README «Reliability» → «Start-up»).
//
//   node src/build.mjs             builds
//   node src/build.mjs --if-stale  builds only when dist/ is missing or was built from other sources (`prestart`)
//
// Plain JavaScript, so that the check before every `npm start` costs no TypeScript loader.
// - packages stay external — PGlite finds its wasm and data files beside its own module, and the
//   `import()` and `require` of pdf-lib, pdfmake, docxtemplater… stay loads on first use — but for the few
//   the start itself needs that are plain JavaScript in hundreds of small files (zod alone opens some 300,
//   drizzle-orm 130, hono 70): bundled, the start reads one file instead of resolving, reading and
//   compiling each (start-up time);
// - code splitting keeps each `import()` of src (the HTTP layer while the database opens, the signing
//   code with the first signature) a file loaded when asked, not code evaluated at start;
// - every output file lies directly in dist/, one level under the top as src/paths.ts is: `repoFile`
//   finds drizzle/, templates/ and src/http/assets from either, and the rendering pool finds
//   dist/render-worker.js beside itself (src/documents/render-pool.ts).
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
/** Bundled into dist/ (see above): plain JavaScript, no files of their own read at run time. */
const BUNDLED = [
  'zod',
  'drizzle-orm',
  'hono',
  '@hono/zod-openapi',
  '@hono/zod-validator',
  '@asteasolutions/zod-to-openapi',
  'xstate',
]
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')
/** Every other package stays external: imported from node_modules at run time, as `packages: 'external'` would. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || BUNDLED.includes(packageOf(args.path))) return undefined
      return { path: args.path, external: true }
    })
  },
}
const outdir = join(root, 'dist')
const entries = ['src/main.ts', 'src/documents/render-worker.ts', 'src/documents/signing/signing-worker.ts']
// what the bundle is made of: a change to any of them makes dist/ stale
const inputs = ['src', 'workflows', 'package.json', 'package-lock.json', 'tsconfig.json']

const files = (path) => {
  const st = statSync(join(root, path), { throwIfNoEntry: false })
  if (!st) return []
  return st.isDirectory() ? readdirSync(join(root, path)).flatMap((f) => files(join(path, f))) : [path]
}

/** A digest of every input's path and bytes: dist/ is stale unless it was built from exactly these. */
const digest = () => {
  const hash = createHash('sha256')
  for (const f of inputs.flatMap(files).sort()) hash.update(`${f}\0`).update(readFileSync(join(root, f)))
  return hash.digest('hex')
}
const stamp = join(outdir, 'inputs.sha256')

const builtFrom = () => {
  try {
    return readFileSync(stamp, 'utf8')
  } catch {
    return undefined // never built, or removed
  }
}

export const isStale = () => builtFrom() !== digest()

export const build = async () => {
  const { build: esbuild } = await import('esbuild')
  const inputsDigest = digest() // of the sources as they were when the build began
  rmSync(outdir, { recursive: true, force: true })
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: entries,
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [externalPackages],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  })
  const misplaced = Object.keys(result.metafile.outputs).filter((f) => relative(outdir, join(root, f)).includes('/'))
  if (misplaced.length) throw new Error(`every output file must lie directly in dist/ (src/paths.ts): ${misplaced}`)
  writeFileSync(stamp, inputsDigest)
  return result
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0)
  const started = performance.now()
  await build()
  console.error(`built dist/ in ${Math.round(performance.now() - started)} ms`)
}
