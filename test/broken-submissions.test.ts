// Submissions that misbehave get a clean report with the reason, and leave no process behind; submissions that
// cannot even be read are each their own rejected grade, between good ones, in one batch.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { BatchIndex } from '../harness/batch/batch-index.ts';
import { buildGzipBomb, buildTgz, buildZip, type ArchiveEntry } from './support/build-archive.ts';
import { externalFlags, runBch, type BchRun } from './support/run-bch.ts';
import { untimedChecks, untimedMaxScore } from './support/untimed-checks.ts';
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
    // Said once, at the top: each check that needed the service says it did not run, with no output of its own.
    expect(serviceCheck).toMatchObject({
      code: 'BCH_SERVICE_DID_NOT_START',
      message: expect.stringContaining('not run: the service did not start'),
    });
    expect(serviceCheck.output).toBeUndefined();
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

describe('unreadable and hostile submissions in a batch, between good ones', () => {
  let run: BchRun;
  let out: string;
  let workDir: string;
  let root: string;
  const app: ArchiveEntry[] = [
    { name: 'package.json', content: '{"type":"module"}' },
    { name: 'src/server.ts', content: 'export {};\n' },
  ];
  /** `.tsx-cache` is a chain of links, each inside by its text, that leads to / when followed. */
  const chain: ArchiveEntry[] = [
    { name: 'up0', type: 'symlink', target: '.' },
    ...Array.from({ length: 19 }, (_, i) => ({ name: `up${i + 1}`, type: 'symlink' as const, target: `up${i}/..` })),
    { name: '.tsx-cache', type: 'symlink', target: 'up19' },
  ];
  /** Each bad submission (its file or URL, made in beforeAll) and the code its grade must carry. */
  const bad: [string, string][] = [
    ['through-link.tgz', 'BCH_SUBMISSION_PATH_THROUGH_LINK'],
    ['long-name.tgz', 'BCH_SUBMISSION_NAME_TOO_LONG'],
    ['bomb.tgz', 'BCH_SUBMISSION_COMPRESSION_RATIO'],
    ['through-link.zip', 'BCH_SUBMISSION_PATH_THROUGH_LINK'],
    ['chain', 'BCH_SUBMISSION_SYMLINK_ESCAPES'],
    ['ext::sh -c touch% RAN', 'BCH_GIT_PROTOCOL_REFUSED'],
    ['fd::3', 'BCH_GIT_PROTOCOL_REFUSED'],
  ];
  let submissions: string[];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'bch-unreadable-'));
    out = join(root, 'results');
    workDir = join(root, 'work');
    const through = { name: `.tsx-cache${join(root, 'written-through')}`, content: 'x' };
    await writeFile(join(root, 'through-link.tgz'), buildTgz([...app, ...chain, through]));
    await writeFile(join(root, 'long-name.tgz'), buildTgz([...app, { name: `src/${'n'.repeat(300)}/x.ts`, content: '' }]));
    await writeFile(join(root, 'bomb.tgz'), buildGzipBomb(4096));
    await writeFile(join(root, 'through-link.zip'), buildZip([...app, ...chain, through]));
    await cp(join(repoRoot, 'solutions/lru-cache'), join(root, 'chain'), {
      recursive: true,
      filter: (source) => !source.includes('node_modules'),
    });
    for (const link of chain) await symlink(link.target!, join(root, 'chain', link.name));
    await mkdir(join(root, 'good'));
    execFileSync('tar', ['-czf', join(root, 'good', 'reference.tgz'), '-C', join(repoRoot, 'solutions'), 'lru-cache']);
    submissions = [
      join(repoRoot, 'solutions/lru-cache'),
      ...bad.map(([name]) => (name.includes('::') ? name.replace('RAN', join(root, 'ran')) : join(root, name))),
      join(root, 'good', 'reference.tgz'),
    ];
    run = await runBch(['grade', 'lru-cache', ...submissions, ...externalFlags, '--quick', '--checks', untimedChecks, '--out', out], {
      env: { BCH_WORK_DIR: workDir },
      timeoutMs: 10 * 60_000,
    });
  });

  test('every submission has its result: the good ones pass, each bad one is rejected with its code; bch exits 0', async () => {
    expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
    expect(run.reports.map((r) => [r.status, r.score, r.code])).toEqual([
      ['pass', untimedMaxScore, undefined],
      ...bad.map(([, code]) => ['fail', 0, code]),
      ['pass', untimedMaxScore, undefined],
    ]);
    const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as BatchIndex;
    expect(index.entries).toHaveLength(submissions.length);
  });

  test('the bad ones are refused within seconds each, and nothing they aimed at happened', async () => {
    for (const report of run.reports.slice(1, -1)) expect(report.duration_ms, report.submission).toBeLessThan(15_000);
    expect([existsSync(join(root, 'written-through')), existsSync(join(root, 'ran'))]).toEqual([false, false]);
  });

  test('the work folder is removed', async () => {
    expect((await readdir(workDir)).filter((name) => name.startsWith('run-'))).toEqual([]);
  });
});
