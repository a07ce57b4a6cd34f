/**
 * A file of the repository read at run time (the migrations, the built-in templates, the pages' assets),
 * by its path from the repository's top. This module runs as `src/paths.ts` (tsx, vitest) or inside a
 * file of `dist/` (the build of `npm start`, `src/build.mjs`, which writes every file directly in
 * `dist/`): one level under the top either way, so the same relative URL finds the file.
 */
export const repoFile = (path: string): URL => new URL(`../${path}`, import.meta.url)
