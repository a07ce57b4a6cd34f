import { defineConfig } from 'vitest/config'

/** The pure domain suites only: what mutation testing of src/domain runs (stryker.config.json). */
export default defineConfig({
  test: {
    include: ['test/domain/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
  },
})
