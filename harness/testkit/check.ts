// `check(id, fn)`: one scored check of a challenge, a vitest test named after a check of the manifest.
// The runner owns the time limit (from the manifest); processes the check starts are stopped when it ends,
// and their output is attached to a failure. A check whose manifest timing is `none` or `clock` is a concurrent
// test: vitest runs it beside the other such checks of its file that come next to it (at most one per lane);
// a `cpu` check runs with nothing else of the grade.
import { test, type TestContext } from 'vitest';
import { evaluateRule } from '../challenge-spec/threshold-rule.ts';
import type { LoadReport } from '../grading/grade-result.ts';
import { acquireLane } from './check-lane.ts';
import { CheckScope } from './check-scope.ts';
import { type CheckRuntimeSpec, gradeContext } from './grade-context.ts';

export interface CheckContext {
  id: string;
  /** How long this check's load runs, in seconds (shorter with --quick; thresholds unchanged). */
  loadDurationSeconds: number;
  /** Evaluates the manifest's thresholds against measured figures, records them in the report, fails on a broken rule. */
  expectThresholds(metrics: Record<string, number>): void;
  task: TestContext['task'];
}

declare module 'vitest' {
  interface TaskMeta {
    bchLoad?: LoadReport;
  }
}

export function check(id: string, fn: (ctx: CheckContext) => Promise<void>): void {
  const grade = gradeContext();
  const spec = grade.checks[id];
  if (!spec && !grade.collectOnly) {
    throw new Error(
      `check("${id}") has no entry in challenges/${grade.challengeId}/challenge.yaml: declare it there (with category and weight) or rename the test`,
    );
  }
  const register = (spec?.timing ?? 'cpu') === 'cpu' ? test : test.concurrent;
  register(id, { timeout: spec?.timeoutMs }, async ({ task, onTestFinished }) => {
    const lane = await acquireLane(grade.lanes.length);
    const scope = new CheckScope();
    onTestFinished(async () => {
      try {
        await scope.end(task);
      } finally {
        lane.release();
      }
    });
    await lane.run(() => scope.run(() => runCheck(id, task, spec, fn)));
  });
}

function runCheck(
  id: string,
  task: TestContext['task'],
  spec: CheckRuntimeSpec | undefined,
  fn: (ctx: CheckContext) => Promise<void>,
): Promise<void> {
  const rules = spec?.load?.thresholds ?? [];
  const loadDurationSeconds = spec?.load?.durationSeconds ?? 0;
  return fn({
    id,
    task,
    loadDurationSeconds,
    expectThresholds(metrics) {
      const evaluations = rules.map((rule) => evaluateRule(rule, metrics));
      task.meta.bchLoad = { metrics, rules: evaluations, durationSeconds: loadDurationSeconds };
      const broken = evaluations.filter((e) => !e.passed);
      if (broken.length > 0) {
        const lines = broken.map((e) => `${e.rule}: measured ${e.measured === undefined ? 'nothing' : round(e.measured)}`);
        throw new Error(`load thresholds not met: ${lines.join('; ')}`);
      }
    },
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
