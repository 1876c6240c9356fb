// How a report names a candidate: by the submission's id in its batch, or else by the last segment of what was
// graded (`dave.tgz`, `dave#submitted`), never by a path of the grading machine. A URL is kept whole: it is the
// candidate's repository, not the machine's.
import { basename } from 'node:path';
import { sanitizeText } from './sanitize-text.ts';
import type { GradeResults } from './json-report-schema.ts';

export function candidateName(grade: Pick<GradeResults, 'submission' | 'submission_id'>): string {
  return sanitizeText(grade.submission_id ?? shortSubmission(grade.submission));
}

/** A local path's last segment, with its `#ref` when it has one; anything else (a URL) as it is. */
export function shortSubmission(submission: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(submission) || /^[\w.-]+@[\w.-]+:/.test(submission)) return submission;
  const hash = submission.lastIndexOf('#');
  const [path, ref] = hash > 0 ? [submission.slice(0, hash), submission.slice(hash)] : [submission, ''];
  return `${basename(path.replace(/[/\\]+$/, '')) || path}${ref}`;
}
