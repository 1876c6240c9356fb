// The JSON report: Exercism's test-runner results.json (version 3), extended with scores, categories,
// timings and load figures, so CI tools can read a grade without a custom parser.
import type { CheckResult, CheckState, GradeResult } from '../grading/grade-result.ts';
import type { JsonReport } from './json-report-schema.ts';
import { sanitizeText } from './sanitize-text.ts';

type JsonStatus = JsonReport['status'];

/** Exercism caps a test's output at 500 characters; we keep the end, where the failure usually is. */
const outputLimit = 500;
const truncationNote = '[… earlier output truncated]\n';

const statusOf: Record<CheckState, JsonStatus> = { passed: 'pass', failed: 'fail', timeout: 'fail', error: 'error' };

/** What a writer knows beyond the grade itself; each field is optional so old readers and writers keep working. */
export interface JsonReportContext {
  harnessVersion?: string;
  /** The harness checkout's commit (`+dirty` when its files differ from it). */
  harnessCommit?: string;
  challengeVersion?: string;
  gradedAt?: Date;
  machine?: JsonReport['machine'];
}

/** The submission's own record of when the work was done, in the results' snake case. */
function timelineJson(timeline: NonNullable<GradeResult['timeline']>): NonNullable<JsonReport['timeline']> {
  return timeline.source === 'git'
    ? {
        source: 'git',
        first_commit: timeline.firstCommit,
        last_commit: timeline.lastCommit,
        commits: timeline.commits,
        more_commits: timeline.moreCommits,
      }
    : { source: timeline.source, earliest_file: timeline.earliestFile, latest_file: timeline.latestFile };
}

/** Maps a grade to its JSON report. */
export function toJsonReport(result: GradeResult, context: JsonReportContext = {}): JsonReport {
  return {
    version: 3,
    status: result.status,
    ...(result.message ? { message: sanitizeText(result.message) } : {}),
    ...(result.code ? { code: result.code } : {}),
    ...(result.startFailure
      ? {
          start_failure: {
            ...(result.startFailure.cause
              ? {
                  cause: sanitizeText(result.startFailure.cause.line),
                  ...(result.startFailure.cause.file ? { file: sanitizeText(result.startFailure.cause.file) } : {}),
                }
              : {}),
            ...(result.startFailure.output ? { output: sanitizeText(result.startFailure.output) } : {}),
          },
        }
      : {}),
    score: result.score,
    max_score: result.maxScore,
    min_score: result.minScore,
    meets_min_score: result.meetsMinScore,
    duration_ms: Math.round(result.durationMs),
    challenge: {
      id: result.challenge.id,
      title: result.challenge.title,
      ...(context.challengeVersion ? { version: context.challengeVersion } : {}),
    },
    submission: result.submission,
    ...(result.received ? { received: result.received } : {}),
    ...(result.timeline ? { timeline: timelineJson(result.timeline) } : {}),
    ...(result.status === 'error' ? { error_kind: result.errorKind ?? 'environment' } : {}),
    ...(context.harnessVersion ? { harness_version: context.harnessVersion } : {}),
    ...(context.harnessCommit ? { harness_commit: context.harnessCommit } : {}),
    ...(context.gradedAt ? { graded_at: context.gradedAt.toISOString() } : {}),
    ...(context.machine ? { machine: context.machine } : {}),
    suite: result.suite,
    provider: result.provider,
    sandbox: {
      mechanism: result.sandbox.mechanism,
      ...(result.sandbox.limits && {
        memory_bytes: result.sandbox.limits.memoryBytes,
        tasks: result.sandbox.limits.tasks,
        disk_bytes: result.sandbox.limits.diskBytes,
      }),
      ...(result.sandbox.enforced && { enforced: { ...result.sandbox.enforced } }),
    },
    phases_ms: { ...result.phases },
    tests: result.checks.map(toJsonTest),
  };
}

/** Maps one check to an Exercism test entry. */
function toJsonTest(check: CheckResult): JsonReport['tests'][number] {
  const message = check.message ?? (check.state === 'timeout' ? 'the check timed out' : undefined);
  const output = check.output ? capOutput(check.output) : undefined;
  return {
    name: check.title,
    id: check.id,
    status: statusOf[check.state],
    ...(message ? { message: sanitizeText(message) } : {}),
    ...(check.code ? { code: check.code } : {}),
    ...(output ? { output } : {}),
    category: check.category,
    score: check.score,
    max_score: check.weight,
    duration_ms: Math.round(check.durationMs),
    timed_out: check.state === 'timeout',
    ...(check.load
      ? {
          load: {
            duration_s: check.load.durationSeconds,
            metrics: { ...check.load.metrics },
            rules: check.load.rules.map((r) => ({ rule: r.rule, measured: r.measured ?? null, passed: r.passed })),
          },
        }
      : {}),
  };
}

/** Plain text of at most `outputLimit` characters, keeping the end and saying that the start was cut. */
function capOutput(text: string): string {
  const plain = sanitizeText(text);
  if (plain.length <= outputLimit) return plain;
  let tail = plain.slice(plain.length - (outputLimit - truncationNote.length));
  if (/^[\uDC00-\uDFFF]/.test(tail)) tail = tail.slice(1);
  return truncationNote + tail;
}
