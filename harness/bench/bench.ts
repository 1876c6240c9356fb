// `npm run bench`: grades a reference solution and prints the wall time of each phase, the total, and the
// harness overhead (everything but the load runs' own configured duration). A benchmark, not a test.
// With a data set, it also shows the seeding time (first time: pass --reseed to drop the cached template
// first) and the per-grade copy of the template (isolate).
// Usage: npm run bench [-- <challenge> [--services containers|external] [--quick] [--reseed]]
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { resolveSettings } from '../config/settings.ts';
import { runGrades } from '../grading/run-grades.ts';
import type { CheckResult } from '../grading/grade-result.ts';
import { loadChallenge } from '../challenge/load-challenge.ts';
import type { Settings } from '../config/settings.ts';
import { dropTemplate } from '../services/postgres-template.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { services: { type: 'string' }, quick: { type: 'boolean', default: false }, reseed: { type: 'boolean', default: false } },
});
const challengeId = positionals[0] ?? 'lru-cache';
const settings = resolveSettings({ services: values.services, quick: values.quick });
if (values.reseed) await dropDatasetTemplate(challengeId, settings);
const checks: CheckResult[] = [];
const started = Date.now();
const run = await runGrades({
  challengeId,
  submissions: [resolve(import.meta.dirname, '../../solutions', challengeId)],
  suite: 'hidden',
  settings,
  minScore: 0,
  reporters: [{ onCheckResult: (_submission, check) => { checks.push(check); } }],
});
const total = Date.now() - started;
const grade = run.grades[0];
const loadChecks = checks.filter((c) => c.load);
const loadRunSeconds = loadChecks.reduce((sum, c) => sum + (c.load?.durationSeconds ?? 0), 0);
const rows: [string, number][] = [
  [`services (${grade.provider})`, run.servicesMs],
  ['prepare (copy, dependencies)', grade.phases.prepare ?? 0],
  ...(run.dataset
    ? ([
        [run.dataset.seededMs === undefined ? 'dataset (template cached, not seeded)' : 'dataset (seeded into the template)', run.dataset.durationMs],
        ['isolate (grade spaces, copy of the template)', grade.phases.isolate ?? 0],
        ['migrate (the submission\'s migrations)', grade.phases.migrate ?? 0],
      ] as [string, number][])
    : ([['isolate (grade spaces)', grade.phases.isolate ?? 0]] as [string, number][])),
  ['start (first readiness)', grade.phases.start ?? 0],
  ['correctness checks', checks.filter((c) => !c.load).reduce((sum, c) => sum + c.durationMs, 0)],
  ['load checks', loadChecks.reduce((sum, c) => sum + c.durationMs, 0)],
  ['tests phase (incl. vitest)', grade.phases.tests ?? 0],
  ['total wall', total],
  [`harness overhead (total − ${loadRunSeconds} s of load runs)`, total - loadRunSeconds * 1000],
];
process.stdout.write(`bench: ${challengeId}, reference solution, score ${grade.score}/${grade.maxScore} (${grade.status})${settings.quick ? ', --quick' : ''}\n`);
for (const [label, ms] of rows) process.stdout.write(`  ${label.padEnd(48)} ${(ms / 1000).toFixed(1).padStart(6)} s\n`);
process.exitCode = grade.status === 'pass' ? 0 : 1;

/** Drops the challenge's cached data-set template on the external Postgres, so that the run seeds it again (a container's Postgres starts without one). */
async function dropDatasetTemplate(id: string, settings: Settings): Promise<void> {
  const challenge = loadChallenge(id);
  const dataset = challenge.manifest.dataset;
  const url = settings.external.postgres;
  if (!dataset || challenge.datasetSeedSql === undefined || !url) return;
  await dropTemplate(url, { challengeId: id, seedSql: challenge.datasetSeedSql, seedValue: dataset.seedValue });
}
