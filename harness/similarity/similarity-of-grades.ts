// Similarity for the grades of a report: each graded submission is received again (folder, archive or git, with
// the same checks as a grade) into a folder of its own, its sources read, and compared with the others of its
// challenge and with the challenge's reference, variants and known solutions. A submission that can no longer be
// read (moved, deleted, a host out of reach) is left out, and the result says so.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import { describeError } from '../errors.ts';
import { candidateName } from '../reporters/candidate-name.ts';
import type { GradeResults } from '../reporters/json-report-schema.ts';
import { receiveSubmission } from '../submission/receive-submission.ts';
import { parseSubmissionSource } from '../submission/submission-source.ts';
import { challengeSubjects } from './challenge-subjects.ts';
import {
  compareSubjects,
  defaultSimilarityOptions,
  type SimilarityOptions,
  type SimilarityResult,
  type Subject,
} from './compare-subjects.ts';
import { readSourceFiles } from './source-files.ts';

export interface ChallengeSimilarity {
  challengeId: string;
  result: SimilarityResult;
  /** Submissions left out, each with why. */
  skipped: string[];
  /** How long it took, for the report's footnote. */
  durationMs: number;
}

export interface SimilarityRequest {
  grades: readonly GradeResults[];
  /** A folder of known solutions (one per sub-folder), e.g. public ones found online. */
  knownDir?: string;
  options?: Partial<SimilarityOptions>;
}

/** One comparison per challenge of the grades, in order of first appearance. */
export async function similarityOfGrades(request: SimilarityRequest): Promise<ChallengeSimilarity[]> {
  const byChallenge = new Map<string, GradeResults[]>();
  for (const grade of request.grades) byChallenge.set(grade.challenge.id, [...(byChallenge.get(grade.challenge.id) ?? []), grade]);
  const options = { ...defaultSimilarityOptions, ...request.options };
  const results: ChallengeSimilarity[] = [];
  for (const [challengeId, grades] of byChallenge) {
    const started = Date.now();
    const challenge = loadChallenge(challengeId);
    const work = await mkdtemp(join(tmpdir(), 'bch-similarity-'));
    try {
      const skipped: string[] = [];
      const candidates: Subject[] = [];
      const seen = new Set<string>();
      for (const [i, grade] of grades.entries()) {
        const name = candidateName(grade);
        if (seen.has(grade.submission)) continue;
        seen.add(grade.submission);
        try {
          const received = await receiveSubmission(
            parseSubmissionSource(grade.submission),
            join(work, String(i)),
            challenge.manifest.submission.entry,
          );
          if (!received.ok) {
            skipped.push(`${name}: ${withoutPaths(received.message)}`);
            continue;
          }
          const { files, truncated } = readSourceFiles(received.dir);
          if (truncated) skipped.push(`${name}: only its first ${files.length} source files were compared (the rest is past the limits)`);
          candidates.push({ name, role: 'candidate', files });
        } catch (error) {
          skipped.push(`${name}: could not be read again (${withoutPaths(describeError(error))})`);
        }
      }
      const { subjects, base } = challengeSubjects(challenge, request.knownDir);
      results.push({
        challengeId,
        result: compareSubjects([...candidates, ...subjects], base, options),
        skipped,
        durationMs: Date.now() - started,
      });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  return results;
}

/** A reason without the grading machine's paths: reports never show them. */
function withoutPaths(text: string): string {
  return text.replace(/(?:file:\/\/)?\/[^\s:'"()]+/g, '<path>');
}
