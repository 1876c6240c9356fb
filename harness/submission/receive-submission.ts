// The first step of a grade: turn what was sent into a checked folder, or a rejection that fails the grade
// with the reason (the candidate's failure). An unreachable git host stays an EnvironmentError.
import { join } from 'node:path';
import { resolveSubmission, type ResolvedSubmission } from './resolve-submission.ts';
import { SubmissionRejected } from './submission-rejected.ts';
import type { SubmissionSource } from './submission-source.ts';

export type ReceivedSubmission = ({ ok: true } & ResolvedSubmission) | { ok: false; code: string; message: string };

/** Resolves the source into the grade's `received/` folder; a rejection is returned, other errors are thrown. */
export async function receiveSubmission(source: SubmissionSource, gradeDir: string, entry: string): Promise<ReceivedSubmission> {
  try {
    return { ok: true, ...(await resolveSubmission(source, join(gradeDir, 'received'), entry)) };
  } catch (error) {
    if (error instanceof SubmissionRejected) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
