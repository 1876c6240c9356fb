// The matrix of the batch grading workflow: the list file cut into at most `maxJobs` parts (GitHub runs at most
// 256 jobs per matrix). Each job grades its part with `bch grade --list <file> --chunk k/n`, which gives every
// submission the id it has in the whole list, so the merged results hold each submission once under one id.
import { submissionIds } from '../batch/submission-id.ts';
import { readSubmissionList } from '../batch/submission-list.ts';

/** GitHub's limit on the jobs of one matrix. */
export const githubMaxJobs = 256;

export interface MatrixEntry {
  /** The job's name and artifact: the submission's id when every job grades one, else `part-k-of-n`. */
  id: string;
  /** `k/n`, for `bch grade --chunk`. */
  chunk: string;
}

/** One entry per job: a submission each when the list fits in `maxJobs`, else `maxJobs` parts as even as they can be. */
export async function submissionMatrix(listFile: string, maxJobs = githubMaxJobs): Promise<MatrixEntry[]> {
  const submissions = await readSubmissionList(listFile);
  const ids = submissionIds(submissions);
  const count = Math.min(maxJobs, submissions.length);
  return Array.from({ length: count }, (_, i) => ({
    id: count === submissions.length ? ids[i] : `part-${i + 1}-of-${count}`,
    chunk: `${i + 1}/${count}`,
  }));
}
