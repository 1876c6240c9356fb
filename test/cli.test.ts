// The command line as users and CI meet it: listing, usage errors, and the environment outcome.
import { describe, expect, test } from 'vitest';
import { runBch } from './support/run-bch.ts';

describe('bch list', () => {
  test('lists every challenge with title, difficulty, time, skills and services', async () => {
    const run = await runBch(['list', '--json'], { json: false });
    expect(run.exitCode).toBe(0);
    const rows = JSON.parse(run.stdout) as { id: string }[];
    expect(rows).toContainEqual(
      expect.objectContaining({
        id: 'lru-cache',
        title: expect.any(String),
        difficulty: 'medium',
        minutes: expect.any(Number),
        skills: expect.any(Array),
        services: ['redis'],
      }),
    );
    const table = await runBch(['list'], { json: false });
    expect(table.stdout).toContain('Caching layer with LRU');
  });
});

describe('invalid usage exits 2 with a message that says what to do', () => {
  test.each([
    [['grade', 'no-such-challenge', '.'], 'There is no challenge "no-such-challenge". Known challenges: '],
    [
      ['grade', 'lru-cache', 'does/not/exist', '--services', 'external', '--redis-url', 'redis://127.0.0.1:6379'],
      'The submission "does/not/exist" does not exist',
    ],
    [['grade', 'lru-cache', '.', '--services', 'external'], '--services external needs a URL for redis (--redis-url or REDIS_URL)'],
    [['grade', 'lru-cache', '.', '--min-score', '150'], 'expected a number from 0 to 100'],
    [['grade', 'lru-cache', '.', '--redis-url', 'not a url', '--services', 'external'], 'is not a URL'],
    [['grade', 'lru-cache'], 'Nothing to grade: give one or more submissions, or --list <file>'],
    [['grade', 'lru-cache', '.', '--chunk', '1/2'], '--chunk takes a part of a list: use it with --list <file>.'],
    [['grade', 'lru-cache', '--list', 'no-such-list.txt'], 'The submission list "no-such-list.txt" cannot be read'],
    [['frobnicate'], "unknown command 'frobnicate'"],
  ])('bch %j', async (args, message) => {
    const run = await runBch(args, { json: false, env: { REDIS_URL: '' } });
    expect(run.stderr).toContain(message);
    expect(run.exitCode).toBe(2);
  });
});

test('a service that cannot be started is an environment error: exit 3, not a score', async () => {
  const run = await runBch(['grade', 'lru-cache', 'solutions/lru-cache', '--services', 'containers'], {
    json: false,
    env: { BCH_REDIS_IMAGE: 'bch-local/no-such-image:0' },
  });
  expect(run.stderr).toContain('BCH_SERVICE_START_FAILED');
  expect(run.stderr).toContain('bch-local/no-such-image:0');
  expect(run.stderr).toContain('or use --services external');
  expect(run.exitCode).toBe(3);
});
