// `npm run bench`: grades a reference solution and prints the wall time of each phase, the total, and the
// harness overhead (everything but the load runs' own configured duration). A benchmark, not a test.
// Usage: npm run bench [-- <challenge> [--services containers|external] [--quick]]
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { resolveSettings } from '../config/settings.ts';
import { runGrades } from '../grading/run-grades.ts';
import type { CheckResult } from '../grading/grade-result.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { services: { type: 'string' }, quick: { type: 'boolean', default: false } },
});
const challengeId = positionals[0] ?? 'lru-cache';
const settings = resolveSettings({ services: values.services, quick: values.quick });
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
  ['isolate (grade spaces)', grade.phases.isolate ?? 0],
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
