// A grade's text as reports show it: the paths of the grading machine that candidate output and messages carry
// (the submission's copy, the grade's and the run's folders, the harness's checkout) become short names, so a
// report, even the interviewer's, shows `src/app.ts:5:2`, not `/tmp/bch/run-…/3f2a…/app/src/app.ts:5:2`.
import type { GradeResult } from './grade-result.ts';

export interface MachinePlace {
  path: string;
  /** What the report shows instead, e.g. '' for the submission (paths become relative) or '<harness>/'. */
  as: string;
}

/** Replaces every place (longest first) in the grade's messages and outputs. */
export function scrubMachinePaths(result: GradeResult, places: readonly MachinePlace[]): GradeResult {
  const ordered = places.filter((p) => p.path.length > 1).sort((a, b) => b.path.length - a.path.length);
  const scrub = (text: string): string =>
    ordered.reduce(
      (out, { path, as }) =>
        out
          .replaceAll(`file://${path}/`, as)
          .replaceAll(`${path}/`, as)
          .replaceAll(path, as.replace(/\/$/, '') || '.'),
      text,
    );
  return {
    ...result,
    ...(result.message !== undefined ? { message: scrub(result.message) } : {}),
    ...(result.startFailure
      ? {
          startFailure: {
            ...(result.startFailure.cause
              ? {
                  cause: {
                    line: scrub(result.startFailure.cause.line),
                    ...(result.startFailure.cause.file ? { file: scrub(result.startFailure.cause.file) } : {}),
                  },
                }
              : {}),
            ...(result.startFailure.output !== undefined ? { output: scrub(result.startFailure.output) } : {}),
          },
        }
      : {}),
    checks: result.checks.map((check) => ({
      ...check,
      ...(check.message !== undefined ? { message: scrub(check.message) } : {}),
      ...(check.output !== undefined ? { output: scrub(check.output) } : {}),
    })),
  };
}
