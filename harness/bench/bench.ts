// `npm run bench`: grades a reference solution and prints the wall time of each phase, the total, and the
// harness overhead (everything but the load runs' own configured duration). A benchmark, not a test.
// With a data set, it also shows the seeding time (first time: pass --reseed to drop the cached template
// first) and the per-grade copy of the template (isolate).
// By default it grades twice, sandboxed (bwrap) and not (none), and prints both side by side with their ratio.
// With `all`, it grades every challenge's reference once (sandboxed unless --sandbox none) and prints, per challenge
// and for the whole run, the wall time, the floor (bench/grade-floor.ts: the load runs plus one service start) and
// their ratio.
// Usage: npm run bench [-- <challenge>|all [--services containers|external] [--quick] [--reseed] [--sandbox compare|bwrap|none]]
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { resolveSettings } from '../config/settings.ts';
import { runGrades } from '../grading/run-grades.ts';
import type { CheckResult } from '../grading/grade-result.ts';
import { listChallengeIds, loadChallenge } from '../challenge-spec/load-challenge.ts';
import { gradeFloorMs } from './grade-floor.ts';
import type { Settings } from '../config/settings.ts';
import { dropTemplate } from '../services/postgres/postgres-template.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    services: { type: 'string' },
    quick: { type: 'boolean', default: false },
    reseed: { type: 'boolean', default: false },
    sandbox: { type: 'string', default: 'compare' },
  },
});
const target = positionals[0] ?? 'lru-cache';
const mechanisms = values.sandbox === 'compare' ? (['bwrap', 'none'] as const) : [values.sandbox as 'bwrap' | 'none'];
const baseSettings = resolveSettings({ services: values.services, quick: values.quick });

type Row = [string, number];
interface BenchRun {
  rows: Row[];
  score: string;
  pass: boolean;
  load: Record<string, number>[];
  totalMs: number;
  floorMs: number;
}

/** One graded run of the reference with one sandbox mechanism: phase times and the load checks' figures. */
async function benchGrade(challengeId: string, sandbox: 'bwrap' | 'none'): Promise<BenchRun> {
  const settings = { ...baseSettings, sandbox };
  const checks: CheckResult[] = [];
  const started = Date.now();
  const run = await runGrades({
    challengeId,
    submissions: [resolve(import.meta.dirname, '../../solutions', challengeId)],
    suite: 'hidden',
    settings,
    minScore: 0,
    reporters: [
      {
        onCheckResult: (_submission, check) => {
          checks.push(check);
        },
      },
    ],
    log: () => {},
  });
  const total = Date.now() - started;
  const grade = run.grades[0];
  const loadChecks = checks.filter((c) => c.load);
  const loadRunSeconds = loadChecks.reduce((sum, c) => sum + (c.load?.durationSeconds ?? 0), 0);
  const rows: Row[] = [
    [`services (${grade.provider})`, run.servicesMs],
    ['receive (checks, root)', grade.phases.receive ?? 0],
    ['prepare (copy, dependencies)', grade.phases.prepare ?? 0],
    ...(run.dataset
      ? ([
          [
            run.dataset.seededMs === undefined ? 'dataset (template cached, not seeded)' : 'dataset (seeded into the template)',
            run.dataset.durationMs,
          ],
          ['isolate (grade spaces, copy of the template)', grade.phases.isolate ?? 0],
          ["migrate (the submission's migrations)", grade.phases.migrate ?? 0],
        ] as Row[])
      : ([['isolate (grade spaces)', grade.phases.isolate ?? 0]] as Row[])),
    ['start (first readiness)', grade.phases.start ?? 0],
    ['correctness checks', checks.filter((c) => !c.load).reduce((sum, c) => sum + c.durationMs, 0)],
    ['load checks', loadChecks.reduce((sum, c) => sum + c.durationMs, 0)],
    ['tests phase (incl. vitest)', grade.phases.tests ?? 0],
    ['total wall', total],
    [`harness overhead (total − ${loadRunSeconds} s of load runs)`, total - loadRunSeconds * 1000],
  ];
  return {
    rows,
    score: `${grade.score}/${grade.maxScore} (${grade.status})`,
    pass: grade.status === 'pass',
    load: loadChecks.map((c) => c.load!.metrics),
    totalMs: total,
    floorMs: gradeFloorMs(loadChallenge(challengeId).manifest, settings.quick, grade.phases.start ?? 0),
  };
}

if (target === 'all') await benchAll();
else await benchOne(target);

/** Every challenge's reference, graded once each: wall, floor and ratio, per challenge and in all. */
async function benchAll(): Promise<void> {
  const sandbox = values.sandbox === 'compare' ? 'bwrap' : (values.sandbox as 'bwrap' | 'none');
  let wall = 0;
  let floor = 0;
  let pass = true;
  process.stdout.write(
    `bench: every challenge's reference${baseSettings.quick ? ', --quick' : ''}, sandbox ${sandbox}, ${baseSettings.checkLanes} lanes\n`,
  );
  process.stdout.write(`  ${'challenge'.padEnd(18)}${'wall'.padStart(10)}${'floor'.padStart(10)}${'ratio'.padStart(9)}   score\n`);
  for (const id of listChallengeIds()) {
    if (values.reseed) await dropDatasetTemplate(id, baseSettings);
    const run = await benchGrade(id, sandbox);
    wall += run.totalMs;
    floor += run.floorMs;
    pass &&= run.pass;
    process.stdout.write(`${row(id, run.totalMs, run.floorMs, run.score)}\n`);
  }
  process.stdout.write(`${row('all', wall, floor, '')}\n`);
  process.exitCode = pass ? 0 : 1;
}

function row(label: string, wallMs: number, floorMs: number, score: string): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(10);
  return `  ${label.padEnd(18)}${seconds(wallMs)}${seconds(floorMs)}${`${(wallMs / floorMs).toFixed(2)}×`.padStart(9)}   ${score}`;
}

/** One challenge's reference, per phase, with each sandbox mechanism asked for. */
async function benchOne(challengeId: string): Promise<void> {
  if (values.reseed) await dropDatasetTemplate(challengeId, baseSettings);
  const runs: BenchRun[] = [];
  for (const mechanism of mechanisms) runs.push(await benchGrade(challengeId, mechanism));
  const header = mechanisms.map((m) => `sandbox ${m}`.padStart(14)).join('') + (runs.length === 2 ? '     ratio' : '');
  process.stdout.write(
    `bench: ${challengeId}, reference solution${baseSettings.quick ? ', --quick' : ''}; scores ${runs.map((r, i) => `${mechanisms[i]} ${r.score}`).join(', ')}\n`,
  );
  process.stdout.write(`  ${''.padEnd(48)}${header}\n`);
  for (const [index, [label]] of runs[0].rows.entries()) {
    const values = runs.map((r) => r.rows[index][1]);
    const ratio = values.length === 2 && values[1] > 0 ? `   ${(values[0] / values[1]).toFixed(2).padStart(6)}×` : '';
    process.stdout.write(`  ${label.padEnd(48)}${values.map((ms) => `${(ms / 1000).toFixed(1)} s`.padStart(14)).join('')}${ratio}\n`);
  }
  for (const [index, _metrics] of runs[0].load.entries()) {
    for (const key of ['rps', 'p50', 'p99', 'errors']) {
      const figures = runs.map((r) => r.load[index]?.[key]);
      process.stdout.write(
        `  ${`load check ${index + 1}: ${key}`.padEnd(48)}${figures.map((v) => String(v === undefined ? '–' : Math.round(v * 10) / 10).padStart(14)).join('')}\n`,
      );
    }
  }
  process.stdout.write(
    `  ${'floor (load runs + one start)'.padEnd(48)}${runs.map((r) => `${(r.floorMs / 1000).toFixed(1)} s`.padStart(14)).join('')}\n`,
  );
  process.stdout.write(
    `  ${'wall ÷ floor'.padEnd(48)}${runs.map((r) => `${(r.totalMs / r.floorMs).toFixed(2)}×`.padStart(14)).join('')}\n`,
  );
  process.exitCode = runs.every((r) => r.pass) ? 0 : 1;
}

/** Drops the challenge's cached data-set template on the external Postgres, so that the run seeds it again (a container's Postgres starts without one). */
async function dropDatasetTemplate(id: string, settings: Settings): Promise<void> {
  const challenge = loadChallenge(id);
  const dataset = challenge.manifest.dataset;
  const url = settings.external.postgres;
  if (!dataset || challenge.datasetSeedSql === undefined || !url) return;
  await dropTemplate(url, { challengeId: id, seedSql: challenge.datasetSeedSql, seedValue: dataset.seedValue });
}
