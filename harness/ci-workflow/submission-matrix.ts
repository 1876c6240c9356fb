// The matrix of a grading workflow: one dispatched submission, or every line of the list file (blank lines and
// `#` comments skipped), each with its batch id.
import { readFile } from 'node:fs/promises';
import { submissionIds } from '../batch/submission-id.ts';
import { UsageError } from '../errors.ts';

/** The matrix entries `{ submission, id }`; throws UsageError when there is nothing to grade. */
export async function submissionMatrix(options: { submission?: string; listFile?: string }): Promise<{ submission: string; id: string }[]> {
  let submissions: string[];
  if (options.submission?.trim()) submissions = [options.submission.trim()];
  else {
    const text = options.listFile
      ? await readFile(options.listFile, 'utf8').catch(() => {
          throw new UsageError(
            'BCH_NO_SUBMISSION_LIST',
            `The submission list "${options.listFile}" cannot be read. Add it to the grading repository (one git URL or archive path per line).`,
          );
        })
      : '';
    submissions = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
  }
  if (submissions.length === 0)
    throw new UsageError('BCH_NO_SUBMISSIONS', 'Nothing to grade: give a submission, or list them one per line in the list file.');
  const ids = submissionIds(submissions);
  return submissions.map((submission, i) => ({ submission, id: ids[i] }));
}
