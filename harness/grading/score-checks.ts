// Turns test outcomes into scored check results: every manifest check gets exactly one result; a check
// no test reported, or a test no check declares, is the challenge's fault and reported as an error.
import type { CheckSpec } from '../challenge-spec/challenge-manifest.ts';
import { outcomeCodes, type CheckResult, type GradeResult } from './grade-result.ts';
import type { SuiteOutcome, TestOutcome } from './run-test-suite.ts';

/** What scoring needs of a check of the manifest. */
export type GradedCheck = Pick<CheckSpec, 'id' | 'title' | 'category' | 'weight'>;

/** A scored check from a test outcome: the manifest's check for hidden suites; public tests are one point of correctness each. */
export function checkResultOf(outcome: TestOutcome, spec?: GradedCheck): CheckResult {
  const weight = spec?.weight ?? 1;
  return {
    id: spec?.id ?? outcome.name,
    title: spec?.title ?? outcome.name,
    category: spec?.category ?? 'correctness',
    weight,
    score: outcome.state === 'passed' ? weight : 0,
    state: outcome.state,
    message: outcome.message,
    ...(outcome.code && { code: outcome.code }),
    output: outcome.output,
    durationMs: outcome.durationMs,
    load: outcome.load,
  };
}

export function scoreHiddenChecks(specs: readonly GradedCheck[], suite: SuiteOutcome): { checks: CheckResult[]; problems: string[] } {
  const byName = new Map(suite.tests.map((test) => [test.name, test]));
  const problems = [...suite.problems];
  for (const test of suite.tests) {
    if (!specs.some((spec) => spec.id === test.name)) problems.push(`test "${test.name}" matches no check of the manifest`);
  }
  const unreportedCode = suite.workerLimitHit
    ? outcomeCodes.scorerLimit
    : suite.workerDied
      ? outcomeCodes.workerDied
      : outcomeCodes.challengeBroken;
  const unreported = suite.workerLimitHit
    ? scorerLimitMessage(suite.workerLimitHit)
    : suite.workerDied
      ? workerDiedMessage(suite.workerDied)
      : `no test reported this check${suite.problems.length > 0 ? ` (${suite.problems[0]})` : ''}: the challenge is broken, not your code`;
  const checks = specs.map((spec): CheckResult => {
    const outcome = byName.get(spec.id);
    if (outcome) return checkResultOf(outcome, spec);
    return {
      id: spec.id,
      title: spec.title,
      category: spec.category,
      weight: spec.weight,
      score: 0,
      state: suite.workerLimitHit ? 'failed' : 'error',
      durationMs: 0,
      message: unreported,
      code: unreportedCode,
    };
  });
  return { checks, problems };
}

/** What a grade whose test worker died says: the grading process died, the score is not to be trusted. */
export function workerDiedMessage(reason: string): string {
  return `the grading process died (${reason}) before this check reported: the score must not be trusted. A process of the submission may have killed it, or the machine ran out of memory; grade untrusted code only in a sandbox, and grade again.`;
}

/**
 * What a grade whose test worker was stopped at its own memory limit says. The candidate's fault: the limit is four
 * times what grading a reference takes, checks read every answer with a byte limit and helper servers cap their
 * connections, so only what the submission sends or holds open can bring the worker there (worker-limits.ts).
 */
export function scorerLimitMessage(limit: string): string {
  return `the checks' own process (the scorer) reached its ${limit} and was stopped before this check reported: what your service sent it or held open (answers, connections) took that much. Grading a correct solution takes a quarter of it.`;
}

/** Public suites have no weights: every test is one point of correctness. */
export function scorePublicTests(suite: SuiteOutcome): CheckResult[] {
  return suite.tests.map((test) => checkResultOf(test));
}

/** The grade's status from its checks: error wins over fail, fail over pass. */
export function gradeStatus(checks: readonly CheckResult[]): GradeResult['status'] {
  if (checks.some((c) => c.state === 'error')) return 'error';
  if (checks.some((c) => c.state !== 'passed')) return 'fail';
  return 'pass';
}

/** The code of a grade whose status its checks decided: that of its first erroring check. */
export function gradeCodeOf(checks: readonly CheckResult[]): string | undefined {
  return checks.find((c) => c.state === 'error')?.code;
}
