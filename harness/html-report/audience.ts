// Who a report is for. A candidate's copy keeps titles, results, points and load figures only: no assertion
// message, no service output, no debrief (nothing that reveals what the hidden tests do).
import type { CandidateReport } from './candidate-report.ts';

export const audiences = ['interviewer', 'candidate'] as const;
export type Audience = (typeof audiences)[number];

/** Returns the report with everything a candidate must not see removed. */
export function forCandidate(report: CandidateReport): CandidateReport {
  const { message: _message, startFailure, ...rest } = report;
  return {
    ...rest,
    // The cause of a start that failed is the candidate's own error; its output stays with the interviewer.
    ...(startFailure
      ? {
          startFailure: {
            ...(startFailure.cause ? { cause: startFailure.cause } : {}),
            ...(startFailure.file ? { file: startFailure.file } : {}),
          },
        }
      : {}),
    checks: report.checks.map(({ message: _m, output: _o, ...check }) => check),
  };
}
