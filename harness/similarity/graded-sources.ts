// The files of each graded submission, read again for the report: the submission is received as a grade receives
// it (folder, archive or git, with the same checks) into a folder of its own, its reviewable files read (bounded),
// and the folder removed. A submission that can no longer be read (moved, deleted, a host out of reach) is left
// out with the reason, without paths of the grading machine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import { describeError } from '../errors.ts';
import type { GradeResults } from '../reporters/json-report-schema.ts';
import { receiveSubmission } from '../submission/receive-submission.ts';
import { parseSubmissionSource } from '../submission/submission-source.ts';
import { readSourceFiles, reviewFiles, sourceLimits, type SourceFile } from './source-files.ts';

export interface GradedSources {
  /** Per submission as graded: its reviewable files, in path order. */
  files: Map<string, SourceFile[]>;
  /** Per submission left out or cut short: why. */
  notes: Map<string, string>;
}

export async function readGradedSources(grades: readonly GradeResults[]): Promise<GradedSources> {
  const files = new Map<string, SourceFile[]>();
  const notes = new Map<string, string>();
  const entries = new Map<string, string>();
  const entryOf = (id: string) => {
    if (!entries.has(id)) entries.set(id, loadChallenge(id).manifest.submission.entry);
    return entries.get(id)!;
  };
  const work = await mkdtemp(join(tmpdir(), 'bch-sources-'));
  try {
    for (const [i, grade] of grades.entries()) {
      if (files.has(grade.submission) || notes.has(grade.submission)) continue;
      try {
        const received = await receiveSubmission(
          parseSubmissionSource(grade.submission),
          join(work, String(i)),
          entryOf(grade.challenge.id),
        );
        if (!received.ok) {
          notes.set(grade.submission, withoutPaths(received.message));
          continue;
        }
        const read = readSourceFiles(received.dir, sourceLimits, reviewFiles);
        files.set(grade.submission, read.files);
        if (read.truncated)
          notes.set(grade.submission, `only its first ${read.files.length} files were read (the rest is past the limits)`);
      } catch (error) {
        notes.set(grade.submission, `could not be read again (${withoutPaths(describeError(error))})`);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { files, notes };
}

/** A reason without the grading machine's paths: reports never show them. */
function withoutPaths(text: string): string {
  return text.replace(/(?:file:\/\/)?\/[^\s:'"()]+/g, '<path>');
}
