import { defineConfig } from 'vitest/config'

/**
 * The unit suites that cover what `npm run mutate` mutates (src/domain, workflows, the order view):
 * pure code, no database and no outside program, so each mutant is tried in milliseconds.
 */
export default defineConfig({
  test: {
    include: ['test/domain/**/*.test.ts', 'test/workflows/**/*.test.ts', 'test/documents/order-view.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
})
