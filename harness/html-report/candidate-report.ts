// The report of one grade as a page shows it: score, status and its meaning, category subtotals, one row per
// check, load figures against thresholds, and where and how it was graded. Pure: JSON results in, view out.
import { outcomeCodes } from '../grading/grade-result.ts';
import { sanitizeText } from '../reporters/sanitize-text.ts';
import type { GradeResults, TestResults } from '../reporters/json-report-schema.ts';
import { candidateName } from '../reporters/candidate-name.ts';
import type { CodeView } from './code-view.ts';
import { describeTimeline } from './describe-timeline.ts';
import { loadView, type LoadView } from './threshold-marks.ts';

export type CheckOutcome = 'passed' | 'failed' | 'timeout' | 'error';

export interface CheckRow {
  id: string;
  title: string;
  category: string;
  outcome: CheckOutcome;
  score: number;
  max: number;
  durationMs: number;
  /** It could not run: the service did not start before the tests. */
  notRun?: boolean;
  /** The submission's files its evidence names, with their line (interviewer copy, when the code was read). */
  pointsTo?: string[];
  message?: string;
  output?: string;
  load?: LoadView;
}

export interface CategorySubtotal {
  category: string;
  score: number;
  max: number;
}

export interface CandidateReport {
  /** A unique, HTML-safe key (anchors). */
  key: string;
  name: string;
  challenge: { id: string; title: string; version?: string };
  status: 'pass' | 'fail' | 'error';
  statusMeaning: string;
  /** False when the score must not be trusted (status error). */
  trusted: boolean;
  score: number;
  max: number;
  minScore: number;
  meetsMinScore: boolean;
  message?: string;
  /** The grade's stable code (e.g. BCH_SERVICE_DID_NOT_START), when it has one. */
  code?: string;
  /** The service did not start: the first error of its output, the file, and the output (interviewers). */
  startFailure?: { cause?: string; file?: string; output?: string };
  subtotals: CategorySubtotal[];
  checks: CheckRow[];
  /** The submission's files and its diff against the starter (interviewer copy, when the code was read again). */
  sourceView?: CodeView;
  /** Why the code is not shown, when it could not be read again. */
  sourceNote?: string;
  meta: {
    provider: string;
    suite: string;
    sandbox?: string;
    harnessVersion?: string;
    gradedAt?: string;
    /** When the work was done, as the submission records it, in words (never scored). */
    timeline?: string;
    durationMs: number;
    phases: Array<{ name: string; ms: number }>;
  };
}

const categoryOrder = ['correctness', 'resilience', 'security', 'performance'];
const phaseOrder = ['prepare', 'isolate', 'migrate', 'start', 'tests'];

/** Builds the view of one grade; `index` makes the key unique when a submission was graded twice. */
export function candidateReport(grade: GradeResults, index: number): CandidateReport {
  const checks = grade.tests.map(checkRow);
  return {
    key: `c${index + 1}`,
    name: candidateName(grade),
    challenge: {
      id: grade.challenge.id,
      title: sanitizeText(grade.challenge.title),
      ...(grade.challenge.version ? { version: grade.challenge.version } : {}),
    },
    status: grade.status,
    statusMeaning: statusMeaning(grade),
    trusted: grade.status !== 'error',
    score: grade.score,
    max: grade.max_score,
    minScore: grade.min_score,
    meetsMinScore: grade.meets_min_score,
    ...(grade.message ? { message: sanitizeText(grade.message) } : {}),
    ...(grade.code ? { code: grade.code } : {}),
    ...(grade.start_failure
      ? {
          startFailure: {
            ...(grade.start_failure.cause ? { cause: sanitizeText(grade.start_failure.cause) } : {}),
            ...(grade.start_failure.file ? { file: sanitizeText(grade.start_failure.file) } : {}),
            ...(grade.start_failure.output ? { output: sanitizeText(grade.start_failure.output) } : {}),
          },
        }
      : {}),
    subtotals: categorySubtotals(checks),
    checks,
    meta: {
      provider: grade.provider,
      suite: grade.suite,
      ...(grade.sandbox !== undefined ? { sandbox: describeSandbox(grade.sandbox) } : {}),
      ...(grade.harness_version ? { harnessVersion: grade.harness_version } : {}),
      ...(grade.graded_at ? { gradedAt: grade.graded_at } : {}),
      ...(grade.timeline ? { timeline: sanitizeText(describeTimeline(grade.timeline)) } : {}),
      durationMs: grade.duration_ms,
      phases: Object.entries(grade.phases_ms)
        .sort(([a], [b]) => rank(phaseOrder, a) - rank(phaseOrder, b))
        .map(([name, ms]) => ({ name, ms })),
    },
  };
}

/** Points earned and available per category, in the usual category order, then any other category. */
export function categorySubtotals(checks: readonly Pick<CheckRow, 'category' | 'score' | 'max'>[]): CategorySubtotal[] {
  const totals = new Map<string, CategorySubtotal>();
  for (const check of checks) {
    const total = totals.get(check.category) ?? { category: check.category, score: 0, max: 0 };
    total.score += check.score;
    total.max += check.max;
    totals.set(check.category, total);
  }
  return [...totals.values()].sort((a, b) => rank(categoryOrder, a.category) - rank(categoryOrder, b.category));
}

/** What the grade's status means for the reader. */
export function statusMeaning(grade: Pick<GradeResults, 'status' | 'error_kind'>): string {
  if (grade.status === 'pass') return 'Every check passed.';
  if (grade.status === 'fail') return 'Some checks failed or timed out; the score counts the checks that passed.';
  return grade.error_kind === 'challenge'
    ? 'Do not trust this score: the challenge itself is broken (its tests or manifest, not the submission). Fix it and grade again.'
    : 'Do not trust this score: the environment broke (a harness or service error, not the submission). Grade again.';
}

/** One check's row, its text cleaned of terminal escapes and control characters. */
function checkRow(test: TestResults): CheckRow {
  return {
    id: sanitizeText(test.id),
    title: sanitizeText(test.name),
    category: sanitizeText(test.category),
    outcome: test.status === 'pass' ? 'passed' : test.status === 'error' ? 'error' : test.timed_out ? 'timeout' : 'failed',
    score: test.score,
    max: test.max_score,
    durationMs: test.duration_ms,
    ...(test.code === outcomeCodes.serviceDidNotStart ? { notRun: true } : {}),
    ...(test.message ? { message: sanitizeText(test.message) } : {}),
    ...(test.output ? { output: sanitizeText(test.output) } : {}),
    ...(test.load ? { load: loadView(test.load) } : {}),
  };
}

/** "bwrap (memory 1 GiB, 256 tasks, disk 512 MiB)", "none (…)", or whatever a later harness reports. */
function describeSandbox(sandbox: NonNullable<GradeResults['sandbox']>): string {
  if (typeof sandbox === 'string') return sanitizeText(sandbox);
  if (sandbox.mechanism === 'none') return "none: candidate code ran with the grader's rights";
  const limits = [
    typeof sandbox.memory_bytes === 'number' ? `memory ${formatBytes(sandbox.memory_bytes)}` : '',
    typeof sandbox.tasks === 'number' ? `${sandbox.tasks} tasks` : '',
    typeof sandbox.disk_bytes === 'number' ? `disk ${formatBytes(sandbox.disk_bytes)}` : '',
  ].filter(Boolean);
  return `${sanitizeText(sandbox.mechanism)}${limits.length > 0 ? ` (${limits.join(', ')})` : ''}`;
}

/** Bytes in the largest binary unit that keeps the number at 1 or more. */
function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Position in a preferred order; unknown names go last. */
function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i === -1 ? order.length : i;
}
