// The decision of a grade: its checks' results, status, code, message and score, as a pure function of where the
// grade's steps stopped. Nothing here touches a process, a file or a service, so every decision path is pinned in
// milliseconds by the golden scenarios (scenarios/, golden-scenarios.test.ts).
import { meetsMinScore, outcomeCodes, type CheckResult, type GradeResult } from './grade-result.ts';
import type { SuiteOutcome } from './run-test-suite.ts';
import {
  type GradedCheck,
  gradeCodeOf,
  gradeStatus,
  scoreHiddenChecks,
  scorePublicTests,
  scorerLimitMessage,
  workerDiedMessage,
} from './score-checks.ts';
import type { Suite } from '../suite.ts';
import type { StartCause } from './start-cause.ts';

/** Where the grade's steps stopped, and what the last one found. */
export type GradeStop =
  /** The submission was refused on receipt (an unsafe link, a bomb, no entry file). */
  | { step: 'receive'; code: string; message: string }
  /** Its dependencies did not install: the candidate's fault or the environment's. */
  | { step: 'prepare'; fault: 'candidate' | 'environment'; message: string }
  /** One of its migrations failed (the message names the file and the SQL error). */
  | { step: 'migrate'; message: string }
  /** The suite ran; `startFailure` when the service did not start once before it. */
  | { step: 'tests'; suite: SuiteOutcome; startFailure?: { message: string; cause?: StartCause; output?: string } }
  /** The harness broke (an environment error of any step). */
  | { step: 'crashed'; code: string; message: string };

export interface GradeFacts {
  suite: Suite;
  /** The checks this grade scores: all of the manifest's, or those named with --checks. */
  checks: readonly GradedCheck[];
  minScore: number;
  stop: GradeStop;
}

export type GradeDecision = Pick<
  GradeResult,
  'status' | 'message' | 'code' | 'errorKind' | 'startFailure' | 'score' | 'maxScore' | 'minScore' | 'meetsMinScore' | 'checks'
>;

/** Why a grade as a whole failed or errored: the message, its stable code, and, for an error, whose fault. */
interface GradeReason {
  message: string;
  code: string;
  /** Set to make the grade an error whatever its checks say. */
  status?: 'error';
  errorKind?: GradeResult['errorKind'];
}

export function decideGrade(facts: GradeFacts): GradeDecision {
  const { stop } = facts;
  switch (stop.step) {
    case 'receive':
      return decision(facts, unrunChecks(facts, 'failed', 'not run: the submission was rejected (see the grade message)', stop.code), {
        message: `your submission was not graded: ${stop.message}`,
        code: stop.code,
      });
    case 'prepare': {
      // The reason is shown once, as the grade's message; each check only points to it.
      if (stop.fault === 'environment') {
        const code = outcomeCodes.dependenciesEnvironment;
        return decision(
          facts,
          unrunChecks(facts, 'error', 'not run: the environment broke while installing dependencies (see the grade message)', code),
          {
            message: `the environment broke: ${stop.message}`,
            code,
            status: 'error',
          },
        );
      }
      const code = outcomeCodes.dependenciesFailed;
      return decision(facts, unrunChecks(facts, 'failed', 'not run: your dependencies did not install (see the grade message)', code), {
        message: `your dependencies did not install: ${stop.message}`,
        code,
      });
    }
    case 'migrate':
      return decision(facts, unrunChecks(facts, 'failed', stop.message, outcomeCodes.migrationFailed), {
        message: stop.message,
        code: outcomeCodes.migrationFailed,
      });
    case 'crashed':
      return decision(facts, unrunChecks(facts, 'error', stop.message, stop.code), {
        message: stop.message,
        code: stop.code,
        status: 'error',
      });
    case 'tests':
      return decideTested(facts, stop);
  }
}

function decideTested(facts: GradeFacts, stop: Extract<GradeStop, { step: 'tests' }>): GradeDecision {
  const { suite } = stop;
  if (suite.workerDied) {
    // Stopped at its own memory limit, the worker died of what the submission sent it: the submission's failure.
    const [state, message, code] = suite.workerLimitHit
      ? (['failed', scorerLimitMessage(suite.workerLimitHit), outcomeCodes.scorerLimit] as const)
      : (['error', workerDiedMessage(suite.workerDied), outcomeCodes.workerDied] as const);
    const checks =
      facts.suite === 'hidden'
        ? scoreHiddenChecks(facts.checks, suite).checks
        : [...scorePublicTests(suite), ...unrunChecks(facts, state, message, code)];
    return decision(facts, checks, state === 'failed' ? { message, code } : { message, code, status: 'error', errorKind: 'environment' });
  }
  const start = stop.startFailure;
  const startReason = start && {
    message: `your service did not start: ${start.message}${start.cause ? `; ${start.cause.line}${start.cause.file ? ` (${start.cause.file})` : ''}` : ''}`,
    code: outcomeCodes.serviceDidNotStart,
  };
  const withStart = (decided: GradeDecision): GradeDecision =>
    start && (start.cause || start.output)
      ? { ...decided, startFailure: { ...(start.cause ? { cause: start.cause } : {}), ...(start.output ? { output: start.output } : {}) } }
      : decided;
  if (facts.suite === 'public') {
    const checks = scorePublicTests(suite);
    if (suite.problems.length > 0 || checks.length === 0) {
      const message = suite.problems.join('; ') || 'no public test ran';
      const code = outcomeCodes.challengeBroken;
      return decision(facts, checks.length > 0 ? checks : unrunChecks(facts, 'error', message, code), {
        message,
        code,
        status: 'error',
        errorKind: 'challenge',
      });
    }
    return withStart(decision(facts, checks, startReason));
  }
  const { checks, problems } = scoreHiddenChecks(facts.checks, suite);
  if (problems.length > 0) {
    return decision(facts, checks, {
      message: `the challenge's tests are broken (not your code): ${problems.join('; ')}`,
      code: outcomeCodes.challengeBroken,
      status: 'error',
      errorKind: 'challenge',
    });
  }
  return withStart(decision(facts, checks, startReason));
}

/** Every graded check as not run, pointing to the grade's reason; a public suite has one stand-in check. */
function unrunChecks(facts: GradeFacts, state: CheckResult['state'], message: string, code: string): CheckResult[] {
  const unrun = (check: GradedCheck): CheckResult => ({ ...check, score: 0, state, message, code, durationMs: 0 });
  return facts.suite === 'hidden'
    ? facts.checks.map((c) => unrun({ id: c.id, title: c.title, category: c.category, weight: c.weight }))
    : [unrun({ id: 'public tests', title: 'public tests', category: 'correctness', weight: 1 })];
}

function decision(facts: GradeFacts, checks: CheckResult[], reason?: GradeReason): GradeDecision {
  const score = checks.reduce((sum, c) => sum + c.score, 0);
  const maxScore = checks.reduce((sum, c) => sum + c.weight, 0);
  const status = reason?.status ?? gradeStatus(checks);
  // An error its checks decided takes the code of the first erroring check.
  const code = status === 'error' && reason?.status !== 'error' ? (gradeCodeOf(checks) ?? reason?.code) : reason?.code;
  return {
    status,
    message: reason?.message,
    ...(code && { code }),
    errorKind: status === 'error' ? (reason?.errorKind ?? 'environment') : undefined,
    score,
    maxScore,
    minScore: facts.minScore,
    meetsMinScore: meetsMinScore(score, maxScore, facts.minScore),
    checks,
  };
}
