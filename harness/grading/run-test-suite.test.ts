import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runTestSuite, workerDeathOf } from './run-test-suite.ts';
import { scoreHiddenChecks } from './score-checks.ts';

describe('runTestSuite', () => {
  test('a test worker killed mid-suite is reported as a dead worker, not as a problem of the suite', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bch-worker-death-'));
    await writeFile(join(dir, 'killer.test.ts'), `import { test } from 'vitest';\ntest('kills its worker', async () => {\n  process.kill(process.pid, 'SIGKILL');\n  await new Promise((resolve) => setTimeout(resolve, 5000));\n});\ntest('never runs', () => {});\n`);
    const suite = await runTestSuite({ root: dir, dir, context: {} as never, cacheDir: join(dir, 'cache') });
    expect(suite.workerDied).toMatch(/^Worker exited unexpectedly with signal SIGKILL/);
    expect(suite.problems).toEqual([]);
    const spec = { id: 'never-runs', title: 'never runs', category: 'correctness' as const, weight: 5, timeoutMs: 20_000 };
    const { checks } = scoreHiddenChecks([spec], suite);
    expect(checks[0].state).toBe('error');
    expect(checks[0].message).toContain('the grading process died (Worker exited unexpectedly with signal SIGKILL');
    expect(checks[0].message).not.toContain('challenge is broken');
  }, 60_000);

  test("workerDeathOf recognises only vitest's report of a dead worker", () => {
    const cause = new Error('Worker exited unexpectedly with signal SIGKILL during started state while running test file /x.test.ts');
    expect(workerDeathOf({ message: '[vitest-pool]: Worker forks emitted error.', cause })).toBe('Worker exited unexpectedly with signal SIGKILL during started state');
    expect(workerDeathOf({ message: 'ReferenceError: x is not defined' })).toBeUndefined();
  });
});
