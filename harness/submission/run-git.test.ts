// git as bch runs it: even a URL that got past check-git-url.ts cannot use another transport, and a git that
// hangs is stopped at its time limit.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runGit } from './run-git.ts';

test('git itself refuses ext::, fd:: and http://, also when the configuration of the machine would allow them', async () => {
  const mark = join(await mkdtemp(join(tmpdir(), 'bch-run-git-')), 'ran');
  const env = {
    ...process.env,
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: 'protocol.allow',
    GIT_CONFIG_VALUE_0: 'always',
    GIT_CONFIG_KEY_1: 'protocol.ext.allow',
    GIT_CONFIG_VALUE_1: 'always',
  };
  for (const [url, transport] of [
    [`ext::sh -c touch% ${mark}`, 'ext'],
    ['fd::3', 'fd'],
    ['http://127.0.0.1:9/x.git', 'http'],
  ]) {
    const run = await runGit(['ls-remote', '--', url], 20_000, env);
    expect(run.ok, url).toBe(false);
    expect(run.output, url).toContain(`transport '${transport}' not allowed`);
  }
  expect(existsSync(mark)).toBe(false);
});

test('a git that does not finish is stopped at the time limit, without waiting for what it started', async () => {
  const started = Date.now();
  const run = await runGit(['-c', 'alias.wait=!sleep 5', 'wait'], 300);
  expect(run).toMatchObject({ ok: false, timedOut: true, output: 'timed out after 0.3 s' });
  expect(Date.now() - started, 'answered before the 5 s sleep git started ended').toBeLessThan(5000);
});
