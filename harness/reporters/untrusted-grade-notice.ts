// Why an errored grade's score must not be trusted, in the words every reporter uses.
import type { GradeResult } from '../grading/grade-result.ts';

/** The culprit and its explanation for a grade with status `error` (the submission is never the culprit). */
export function untrustedGradeNotice(result: GradeResult): { culprit: string; explanation: string } {
  return result.errorKind === 'challenge'
    ? { culprit: 'The challenge is broken', explanation: '(its tests or manifest, not the submission): this score must not be trusted.' }
    : {
        culprit: 'The environment broke',
        explanation: '(a harness or service error, not the submission): this score must not be trusted.',
      };
}
