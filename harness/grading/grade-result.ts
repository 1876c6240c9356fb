// The typed result of a grade: what scoring produces and every reporter reads. Never text to parse.
import type { CheckCategory } from '../challenge-spec/challenge-manifest.ts';
import type { RuleEvaluation } from '../challenge-spec/threshold-rule.ts';
import type { SandboxLimits, SandboxMechanism } from '../sandbox/sandbox-plan.ts';
import type { Suite } from '../suite.ts';
import type { SubmissionTimeline } from '../submission/submission-timeline.ts';
import type { StartCause } from './start-cause.ts';
import type { ProviderName } from '../services/service-provider.ts';

/**
 * passed: the check's behaviour is there. failed: it is not (the candidate's fault).
 * timeout: the check exceeded its time limit (the candidate's service hung or was too slow).
 * error: the harness or a service broke; nobody's fault, and the grade is not trustworthy.
 */
export type CheckState = 'passed' | 'failed' | 'timeout' | 'error';

/**
 * Stable codes of outcomes that are not a plain failed assertion, for reports and CI (JSON `code`, JUnit `type`).
 * A check or grade may also carry the code of a harness error (harness/errors.ts) or of a rejected submission.
 */
export const outcomeCodes = {
  /** vitest stopped the check at its time limit. */
  checkTimeout: 'BCH_CHECK_TIMEOUT',
  /** The check threw an InfrastructureError: the harness or a service broke. */
  infrastructure: 'BCH_INFRASTRUCTURE_ERROR',
  /** The test worker died before the check reported. */
  workerDied: 'BCH_WORKER_DIED',
  /** The test worker was stopped at its own memory limit, which only what the submission sends it reaches. */
  scorerLimit: 'BCH_SCORER_LIMIT',
  /** The challenge's tests are broken: a check no test reported, a test no check declares, a file that did not load. */
  challengeBroken: 'BCH_CHALLENGE_TESTS_BROKEN',
  /** The harness's or the challenge's files changed during the run. */
  harnessChanged: 'BCH_HARNESS_CHANGED',
  /** The submission's dependencies did not install (its lockfile, its packages). */
  dependenciesFailed: 'BCH_DEPENDENCIES_FAILED',
  /** Installing dependencies failed for a reason of the environment (registry, disk, network). */
  dependenciesEnvironment: 'BCH_DEPENDENCIES_ENVIRONMENT',
  /** One of the submission's migrations failed. */
  migrationFailed: 'BCH_MIGRATION_FAILED',
  /** The service did not start once before the tests. */
  serviceDidNotStart: 'BCH_SERVICE_DID_NOT_START',
} as const;

export interface LoadReport {
  /** Measured figures: rps, p50, p90, p99, p999, max (ms), requests, errors, non2xx, and challenge-specific ones. */
  metrics: Record<string, number>;
  /** Each rule from the manifest beside the measured figure. */
  rules: RuleEvaluation[];
  durationSeconds: number;
}

export interface CheckResult {
  id: string;
  title: string;
  category: CheckCategory;
  /** Points the check is worth. */
  weight: number;
  /** Points earned: the weight when passed, else 0. */
  score: number;
  state: CheckState;
  /** Why it did not pass, written for the candidate (no hidden test code). */
  message?: string;
  /** A stable code for why it did not pass, when known (outcomeCodes, a harness error's or a rejection's code). */
  code?: string;
  /** The tail of the candidate's service output, when it helps explain a failure. */
  output?: string;
  durationMs: number;
  load?: LoadReport;
}

export type PhaseName = 'receive' | 'prepare' | 'isolate' | 'migrate' | 'start' | 'tests';

export interface GradeResult {
  challenge: { id: string; title: string };
  /** The submission as given (folder, archive or git URL). */
  submission: string;
  /** How it was received and which folder was graded, e.g. "archive alice.tgz, root cache/ (14 entries)". */
  received?: string;
  /** When the work was done, as the submission records it: the candidate's own claim, never scored. */
  timeline?: SubmissionTimeline;
  suite: Suite;
  /** pass: every check passed. fail: some check failed or timed out. error: the environment broke; do not trust the score. */
  status: 'pass' | 'fail' | 'error';
  /** Why the grade as a whole failed or errored (e.g. the service never started). */
  message?: string;
  /** The stable code of that reason: always with status error, and when a grade-wide reason made it fail. */
  code?: string;
  /** With status error: whether the challenge's own tests are broken, or the environment. */
  errorKind?: 'challenge' | 'environment';
  /** When the service did not start: the first error of its output and the file it points to (relative to the
   * submission), and the output once (the checks that could not run carry none). */
  startFailure?: { cause?: StartCause; output?: string };
  score: number;
  maxScore: number;
  /** --min-score: a percentage of the points graded (see `meetsMinScore`). */
  minScore: number;
  meetsMinScore: boolean;
  provider: ProviderName;
  /** How candidate code was contained; `none` means it ran with the grader's rights (--sandbox none). */
  sandbox: { mechanism: SandboxMechanism; limits?: SandboxLimits; enforced?: { memory: boolean; tasks: boolean; disk: boolean } };
  durationMs: number;
  /** Wall time of each phase of this grade (the run's service start-up is reported by the run). */
  phases: Partial<Record<PhaseName, number>>;
  checks: CheckResult[];
}

export interface RunResult {
  grades: GradeResult[];
  /** Time to start or reach the services, shared by every grade of the run. */
  servicesMs: number;
  /** The challenge's data set: its template database, and the seeding time when this run seeded it. */
  dataset?: { template: string; seededMs?: number; durationMs: number };
  durationMs: number;
}

/** Whether a score meets --min-score, a percentage of the points graded: all of them, or those of the checks named
 * with --checks (6 of 10 graded points is 60 %). A grade of no points meets only a minimum of 0. */
export function meetsMinScore(score: number, maxScore: number, minScore: number): boolean {
  return maxScore > 0 ? (score * 100) / maxScore >= minScore : minScore <= 0;
}
