// The hostile corpus: submissions that attack the harness (test/fixtures/hostile/cases.yaml), graded in one
// batch as a grading server would grade strangers' code. Each case must stay within its declared outcome, no
// attack may find anything, and afterwards nothing may be left on the machine and the harness must be unchanged.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listChallengeIds, loadChallenge } from '../harness/challenge-spec/load-challenge.ts';
import {
  baseDir,
  childMarker,
  declaredHostileCases,
  materializeHostileCases,
  submissionForms,
  type HostileCase,
} from './support/hostile-cases.ts';
import { processesMarkedOrUnder, serviceSpaces } from './support/leftovers.ts';
import { externalFlags, localServices, runBch, type BchRun, type JsonTestReport } from './support/run-bch.ts';
import { repoRoot } from './support/variants.ts';

/** Without a sandbox, the import-reference cases grade the whole reference: about 12 minutes on a busy machine. */
const batchTimeoutMs = 25 * 60_000;

/** The challenges of the corpus, in the order of their first case: each is graded as one batch. */
const challengesInOrder = [...new Set(declaredHostileCases().map((c) => c.challenge))];

/** The checks of a challenge that measure time under load, which a busy machine can fail for any submission. */
const loadChecks = (challenge: string): string[] =>
  loadChallenge(challenge)
    .manifest.checks.filter((c) => c.load !== undefined)
    .map((c) => c.id);
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** A tracked file's content (a link's target for a symbolic link), or undefined when it is gone. */
function trackedContent(path: string): Buffer | undefined {
  try {
    const full = join(repoRoot, path);
    return lstatSync(full).isSymbolicLink() ? Buffer.from(readlinkSync(full)) : readFileSync(full);
  } catch {
    return undefined;
  }
}

/** Every git-tracked file of the repository with its content, to detect and undo tampering. */
function trackedFiles(): Map<string, Buffer> {
  const paths = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
  return new Map(paths.map((path) => [path, trackedContent(path) ?? Buffer.alloc(0)]));
}

const digest = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

describe('hostile corpus', () => {
  let cases: HostileCase[];
  /** One batch per challenge. */
  const runs: BchRun[] = [];
  let batchMs: number;
  let markdown = '';
  let junit = '';
  /** The report of each case, and of the untouched submission graded right after it (`then`). */
  const reports = new Map<string, { own: JsonTestReport; then?: JsonTestReport }>();
  const leftovers: { processes: string[]; files: string[]; spaces: string[]; changed: string[] } = {
    processes: [],
    files: [],
    spaces: [],
    changed: [],
  };
  let original: Map<string, Buffer>;
  let workDir: string;
  const token = randomUUID().slice(0, 8);
  const canary = `hostile-canary:${token}`;

  /** Puts back every tracked file an attack changed (so a failed case cannot poison the checkout). */
  const restoreHarness = (): string[] => {
    const changed: string[] = [];
    for (const [path, content] of original ?? []) {
      const now = trackedContent(path);
      if (now !== undefined && digest(now) === digest(content)) continue;
      changed.push(path);
      if (!lstatSync(join(repoRoot, path), { throwIfNoEntry: false })?.isSymbolicLink()) writeFileSync(join(repoRoot, path), content);
    }
    return changed;
  };

  beforeAll(
    async () => {
      cases = await materializeHostileCases(token);
      original = trackedFiles();
      const spacesBefore = new Set(await serviceSpaces());
      const redis = new Redis(localServices.redis, { maxRetriesPerRequest: 1 });
      await redis.set(canary, "another grade's data", 'PX', batchTimeoutMs);
      workDir = await mkdtemp(join(tmpdir(), 'bch-hostile-work-'));
      const started = Date.now();
      try {
        for (const challenge of challengesInOrder) {
          const group = cases.filter((c) => c.challenge === challenge);
          const submissions = group.flatMap((c) => (c.then ? [c.argument, baseDir(c.then, challenge)] : [c.argument]));
          const dir = await mkdtemp(join(tmpdir(), 'bch-hostile-reports-'));
          const run = await runBch(
            [
              'grade',
              challenge,
              ...submissions,
              ...externalFlags,
              '--quick',
              '--markdown',
              join(dir, 'summary.md'),
              '--junit',
              join(dir, 'junit.xml'),
            ],
            {
              // Without colours (CI=true turns them on), any escape sequence in the terminal report came from a candidate.
              env: { BCH_WORK_DIR: workDir, NO_COLOR: '1' },
              timeoutMs: batchTimeoutMs,
            },
          );
          runs.push(run);
          markdown += readFileSync(join(dir, 'summary.md'), { encoding: 'utf8', flag: 'a+' });
          junit += readFileSync(join(dir, 'junit.xml'), { encoding: 'utf8', flag: 'a+' });
          let index = 0;
          for (const c of group) {
            const own = run.reports[index++];
            reports.set(c.id, { own, then: c.then ? run.reports[index++] : undefined });
          }
        }
      } finally {
        batchMs = Date.now() - started;
        leftovers.changed = restoreHarness();
        await redis.del(canary).finally(() => redis.disconnect());
      }
      // Only this run's processes: its children carry its token, or work in its work folder.
      const processes = await processesMarkedOrUnder(childMarker(token), workDir);
      leftovers.processes = processes.map((p) => p.what);
      for (const p of processes) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      leftovers.files = [
        ...readdirSync(tmpdir())
          .filter((name) => name.startsWith('hostile-disk-filler-'))
          .map((name) => join(tmpdir(), name)),
        ...(await readdir(workDir)).filter((name) => name.startsWith('run-')).map((name) => join(workDir, name)),
      ];
      for (const file of leftovers.files) await rm(file, { recursive: true, force: true });
      leftovers.spaces = (await serviceSpaces()).filter((name) => !spacesBefore.has(name));
      console.log(
        `hostile corpus: ${runs.reduce((n, r) => n + r.reports.length, 0)} grades in ${(batchMs / 1000).toFixed(1)} s, bch exits ${runs.map((r) => r.exitCode).join(', ')}`,
      );
      for (const [id, { own, then }] of reports) {
        console.log(
          `  ${id}: ${own?.status} ${own?.score}${then ? `; then ${then.status} ${then.score}` : ''}${own?.message ? ` (${own.message.slice(0, 90)})` : ''}`,
        );
      }
    },
    challengesInOrder.length * batchTimeoutMs + 120_000,
  );

  afterAll(() => {
    restoreHarness();
  });

  test.each(challengesInOrder)(
    'every %s case is graded, and bch exits 0: no attack makes it report a broken challenge or environment',
    (challenge) => {
      const run = runs[challengesInOrder.indexOf(challenge)];
      expect(run.reports, `bch wrote no report (exit ${run.exitCode}):\n${run.stderr.slice(-3000)}`).toHaveLength(
        cases.filter((c) => c.challenge === challenge).reduce((n, c) => n + (c.then ? 2 : 1), 0),
      );
      expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
    },
  );

  test.each(declaredHostileCases().map((c) => c.id))('%s stays within its declared outcome and finds nothing', (id) => {
    const spec = cases.find((c) => c.id === id)!;
    const { own, then } = reports.get(id)!;
    const summary = `${own.status} ${own.score}/100${own.message ? `: ${own.message.slice(0, 300)}` : ''}`;
    expect(spec.status, `status (${summary})`).toContain(own.status);
    expect(own.score, `score (${summary})`).toBeLessThanOrEqual(spec.maxScore);
    expect(own.score, `score (${summary})`).toBeGreaterThanOrEqual(spec.minScore);
    const text = JSON.stringify(own);
    expect([...new Set(text.match(/HOSTILE-FOUND[^"\\]*/g))], 'what the attack found').toEqual([]);
    if (spec.reportIncludes) expect(text).toContain(spec.reportIncludes);
    if (spec.code) expect(own.code, `code (${summary})`).toBe(spec.code);
    if (spec.maxSeconds) expect(own.duration_ms / 1000, `seconds the grade took (${summary})`).toBeLessThanOrEqual(spec.maxSeconds);
    // The reference's load checks measure time, which a busy machine can fail; every other check must pass.
    if (spec.then === 'reference')
      expect(
        then?.tests.filter((t) => t.status !== 'pass' && !loadChecks(spec.challenge).includes(t.id)).map((t) => `${t.id}: ${t.message}`),
        `the reference graded after ${id}`,
      ).toEqual([]);
    if (spec.then === 'crash-on-request')
      expect([then?.status, then?.score], `the crashing submission graded after ${id}`).toEqual(['fail', 0]);
  });

  test('the attacks ran, and their output reaches the reports (the channel of every "found" above)', () => {
    for (const id of [
      'read-hidden-tests',
      'read-harness-environ',
      'other-grade-data',
      'forged-bench-reply',
      'forged-app-registration',
      'network-egress',
      'admin-through-trust',
      'list-dependencies',
      'redis-lua-busy',
      'redis-memory-hog',
      'scorer-fd-exhaust',
      'postgres-loop',
      'rabbitmq-connections',
    ]) {
      expect(JSON.stringify(reports.get(id)!.own), id).toContain(`HOSTILE-SEARCHED ${id}`);
    }
  });

  test('the leak search is graded for every challenge in every submission form', () => {
    const searched = new Set(declaredHostileCases().flatMap((c) => (c.attack === 'leak-search' ? [`${c.challenge} ${c.form}`] : [])));
    const wanted = listChallengeIds().flatMap((id) => submissionForms.options.map((form) => `${id} ${form}`));
    expect(wanted.filter((pair) => !searched.has(pair))).toEqual([]);
  });

  test('the leak search ran in every kind of sandbox of its grade: the service, and the module driver where there is one', () => {
    for (const spec of declaredHostileCases().filter((c) => c.attack === 'leak-search')) {
      const text = JSON.stringify(reports.get(spec.id)!.own);
      expect(text, spec.id).toMatch(new RegExp(`HOSTILE-SEARCHED ${spec.id}: \\d+ files, \\d+ bytes in the service sandbox`));
      if (spec.inject.includes('src/lru-cache.ts')) expect(text, spec.id).toMatch(/\d+ files, \d+ bytes in the driver sandbox/);
    }
  });

  test('the terminal, Markdown and JUnit reports carry no escape sequence and no fake score line', () => {
    const stdout = runs.map((r) => r.stdout).join('\n');
    expect(stdout).toContain('boom');
    for (const [name, text] of [
      ['terminal', stdout],
      ['Markdown', markdown],
      ['JUnit', junit],
    ] as const) {
      expect(controlCharacters.test(text), `${name} report holds a control character`).toBe(false);
    }
    // bch's own score lines start at column 0, candidate text is indented: a score line at column 0 is bch's,
    // so there are exactly as many as there are grades (the untouched reference scores 100 after a case).
    const genuine = runs.flatMap((r) => r.reports).filter((r) => r.score === 100).length;
    expect(stdout.split('\n').filter((line) => /^Score: 100\/100/.test(line))).toHaveLength(genuine);
    expect(stdout.split('\n').filter((line) => /^Result for submission: PASS/.test(line))).toEqual([]);
    expect(markdown.split('\n').filter((line) => /^#+ LRU cache .*100\/100 PASS/.test(line))).toEqual([]);
  });

  test('nothing is left behind: no process, file, work folder, container, database, role, vhost, user or claim, no session, script, client or connection of a grade user, no grade key', () => {
    expect({ processes: leftovers.processes, files: leftovers.files, spaces: leftovers.spaces }).toEqual({
      processes: [],
      files: [],
      spaces: [],
    });
  });

  test('the harness files are unchanged (git-tracked files hashed before and after)', () => {
    expect(leftovers.changed).toEqual([]);
  });
});
