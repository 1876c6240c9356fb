// `npm run test:stability`: the repeats that prove a grade stable (test/stability/), kept out of `npm test` for its
// time; `.ci/run` runs them after `npm test` when its budget allows. Under the machine-wide grade lock, like the
// integration tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/stability/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    globalSetup: ['test/support/grade-lock.ts'],
    reporters: ['default'],
  },
});
