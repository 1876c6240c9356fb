// The project's own tests: unit tests beside the modules, integration tests under test/.
// Files run one at a time: the integration tests grade submissions, and grades measure time.
// Unit test files share one worker (isolate: false; they set no environment variable or global, and the module
// state they reach is fixed per process); integration test files each get a fresh one.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    exclude: ['node_modules/**', 'challenges/**', 'solutions/**', 'harness/**/fixtures/**'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 600_000,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['harness/**/*.test.ts'], isolate: false } },
      {
        extends: true,
        // The machine-wide grade lock, taken once for the whole run (test/support/grade-lock.ts).
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'test/stability/**'],
          globalSetup: ['test/support/grade-lock.ts'],
        },
      },
    ],
  },
});
