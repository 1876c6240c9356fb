// "Adding a challenge" (docs/architecture.md) kept honest: `bch new` scaffolds a scratch challenge into a temp
// challenges folder (BCH_CHALLENGES_DIR, never the repository's), `bch validate` accepts it with its variant
// list as the only to-do, and its reference grades 100 while its starter does not.
import { appendFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { externalFlags, runBch } from './support/run-bch.ts';

let scratch: string;
let env: Record<string, string>;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'bch-new-'));
  await mkdir(join(scratch, 'challenges'));
  env = { BCH_CHALLENGES_DIR: join(scratch, 'challenges') };
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('bch new, then bch validate and bch grade', () => {
  test('scaffolds a challenge that validates, with the empty variant list as its one to-do', async () => {
    const created = await runBch(['new', 'scratch', '--services', 'redis,postgres,rabbitmq'], { env, json: false });
    expect(created.stderr).toBe('');
    expect(created.exitCode).toBe(0);
    expect(created.stdout).toContain(join(scratch, 'challenges', 'scratch', 'challenge.yaml'));
    expect(created.stdout).toContain(join(scratch, 'solutions', 'scratch', 'src', 'server.ts'));
    const validated = await runBch(['validate', 'scratch', '--json'], { env, json: false });
    expect(validated.exitCode, validated.stderr).toBe(0);
    expect(JSON.parse(validated.stdout)).toMatchObject({
      valid: true,
      challenges: [
        {
          challenge: 'scratch',
          valid: true,
          findings: [
            { file: 'challenges/scratch/variants.yaml', level: 'todo', message: expect.stringContaining('no known-bad variants yet') },
          ],
        },
      ],
    });
  });

  test('a challenge broken in several places exits 2 and lists every problem, each with its file', async () => {
    expect((await runBch(['new', 'broken'], { env, json: false })).exitCode).toBe(0);
    await rm(join(scratch, 'solutions', 'broken', 'src', 'server.ts'));
    await appendFile(join(scratch, 'challenges', 'broken', 'hidden', 'greeting.test.ts'), "\ncheck('greets-twice', async () => {});\n");
    await appendFile(join(scratch, 'challenges', 'broken', 'README.md'), '\nIt greets in French. <!-- req: french -->\n');
    const run = await runBch(['validate', 'broken'], { env, json: false });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toContain('broken: invalid, 3 problems, 1 to do\n');
    expect(run.stdout).toContain('  ✗ solutions/broken/src/server.ts: missing: the reference solution needs every file');
    expect(run.stdout).toContain('  ✗ challenges/broken/challenge.yaml: the requirement "french" has no check');
    expect(run.stdout).toContain('  ✗ challenges/broken/hidden/greeting.test.ts: check("greets-twice") has no entry in challenge.yaml');
    await rm(join(scratch, 'challenges', 'broken'), { recursive: true });
  });

  test.each([
    [['new', 'scratch'], 'BCH_CHALLENGE_EXISTS: The challenge "scratch" exists already'],
    [['new', 'Scratch_2'], 'BCH_BAD_CHALLENGE_ID: "Scratch_2" is not a challenge id'],
    [['new', 'scratch-2', '--services', 'redis,mysql'], 'BCH_UNKNOWN_SERVICE: Unknown service "mysql"'],
    [['validate', 'no-such-challenge'], 'There is no challenge "no-such-challenge"'],
  ])('bch %j is a usage error (exit 2)', async (args, message) => {
    const run = await runBch(args, { env, json: false });
    expect(run.stderr).toContain(message);
    expect(run.exitCode).toBe(2);
  });

  test(
    "its reference grades 100 and its starter 0, against the machine's services",
    async () => {
      const challenge = join(scratch, 'challenges', 'scratch');
      const run = await runBch(
        ['grade', 'scratch', join(scratch, 'solutions', 'scratch'), join(challenge, 'starter'), ...externalFlags, '--quick'],
        { env, timeoutMs: 25 * 60_000 },
      );
      expect(
        run.reports.map((r) => r.score),
        run.stderr.slice(-3000),
      ).toEqual([100, 0]);
      expect(run.reports[1].tests[0]).toMatchObject({
        id: 'greets-by-name',
        status: 'fail',
        message: expect.stringContaining('GET /greeting?name=Ada answers 200'),
      });
    },
    25 * 60_000,
  );
});
