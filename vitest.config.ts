// The project's own tests: unit tests beside the modules, integration tests under test/.
// Files run one at a time: the integration tests grade submissions, and grades measure time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'challenges/**', 'solutions/**', 'harness/**/fixtures/**'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 600_000,
    reporters: ['default'],
  },
});
