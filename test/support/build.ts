import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * Vitest's global set-up: the tests that start the service's process run the build `npm start` runs
 * (`dist/`, src/build.mjs), built here once per run when the sources changed since the last build.
 */
export default () => {
  execFileSync(process.execPath, ['src/build.mjs', '--if-stale'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: 'inherit',
  })
}
