// A list file of submissions, as an interviewer keeps it in the grading repository: one git URL (optionally
// #ref) or archive path per line; blank lines and `#` comments are skipped.
import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.ts';

/** The submissions the list file names, in order; throws UsageError when it cannot be read or names none. */
export async function readSubmissionList(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(
      'BCH_NO_SUBMISSION_LIST',
      `The submission list "${file}" cannot be read. Add it to the grading repository (one git URL or archive path per line).`,
    );
  });
  const submissions = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  if (submissions.length === 0)
    throw new UsageError('BCH_NO_SUBMISSIONS', `Nothing to grade: "${file}" lists no submission. List them one per line.`);
  return submissions;
}
