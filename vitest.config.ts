import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/run-tmpdir.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // PDF and browser tests share a 2-core machine; keep files from starving each other.
    maxWorkers: 2,
  },
});
