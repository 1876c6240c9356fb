// Submissions that misbehave get a clean report with the reason, and leave no process behind.
import { cp, mkdtemp, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { externalFlags, runBch, type BchRun } from './support/run-bch.ts';
import { repoRoot } from './support/variants.ts';

const fixtures = ['never-listens', 'crash-on-request', 'hangs'];

/** Processes whose command line or working directory mentions a path. */
async function processesUnder(path: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
    if (cmdline.includes(path) || cwd.startsWith(path)) found.push(`${pid}: ${cmdline.replaceAll('\0', ' ')}`);
  }
  return found;
}

describe('broken submissions', () => {
  let run: BchRun;
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'bch-broken-'));
    run = await runBch(
      [
        'grade',
        'lru-cache',
        ...fixtures.map((f) => join(repoRoot, 'test/fixtures/submissions', f)),
        ...externalFlags,
        '--quick',
        '--min-score',
        '50',
      ],
      {
        env: { BCH_WORK_DIR: workDir },
        timeoutMs: 10 * 60_000,
      },
    );
  });

  test('each is graded (exit 1: below --min-score), not a harness crash', () => {
    expect(run.exitCode, run.stderr.slice(-2000)).toBe(1);
    expect(run.reports.map((r) => [r.status, r.score])).toEqual(fixtures.map(() => ['fail', 0]));
  });

  test.each([
    ['never-listens', 'did not answer GET /health with a 2xx status within 10 s'],
    ['crash-on-request', 'exited (exit code 1) before answering GET /health'],
    ['hangs', 'did not answer GET /health with a 2xx status within 10 s'],
  ])('%s: the report says why the service checks failed', (fixture, reason) => {
    const report = run.reports[fixtures.indexOf(fixture)];
    expect(report.message).toContain('your service did not start');
    expect(report.message).toContain(reason);
    const serviceCheck = report.tests.find((t) => t.id === 'read-through-l1')!;
    expect(serviceCheck.status).toBe('fail');
    expect(serviceCheck.message).toContain(reason);
  });

  test('crash output is kept for the report', () => {
    const report = run.reports[fixtures.indexOf('crash-on-request')];
    expect(report.tests.find((t) => t.id === 'read-through-l1')?.message).toBeTruthy();
    expect(JSON.stringify(report)).toContain('boom on the first request');
  });

  test('no process is left behind', async () => {
    expect(await processesUnder(workDir)).toEqual([]);
  });
});

describe('a failing migration', () => {
  let run: BchRun;

  beforeAll(async () => {
    const submission = await mkdtemp(join(tmpdir(), 'bch-bad-migration-'));
    await cp(join(repoRoot, 'challenges/query-indexing/starter'), submission, { recursive: true });
    await writeFile(
      join(submission, 'migrations/002_indexes.sql'),
      'CREATE INDEX ON orders (customer_id);\nCREATE INDEX ON orders (no_such_column);\n',
    );
    run = await runBch(['grade', 'query-indexing', submission, ...externalFlags, '--quick'], { timeoutMs: 5 * 60_000 });
  });

  test("is the candidate's failure, with the file, the SQL error and its line, and no check runs", () => {
    expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
    const [report] = run.reports;
    expect([report.status, report.score]).toEqual(['fail', 0]);
    expect(report.message).toContain(
      'your migration migrations/002_indexes.sql failed: column "no_such_column" does not exist (SQLSTATE 42703)',
    );
    expect(report.message).toContain('applied before it: 001_placeholder.sql');
    expect(report.tests.every((t) => t.status === 'fail' && t.message === report.message)).toBe(true);
  });
});
