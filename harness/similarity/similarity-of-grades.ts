// Similarity for the grades of a report: each graded submission's code (read again: graded-sources.ts) is compared
// with the others of its challenge and with the challenge's reference, variants and known solutions. A submission
// that could not be read again is left out, and the result says so.
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import { candidateName } from '../reporters/candidate-name.ts';
import type { GradeResults } from '../reporters/json-report-schema.ts';
import { challengeSubjects } from './challenge-subjects.ts';
import {
  compareSubjects,
  defaultSimilarityOptions,
  type SimilarityOptions,
  type SimilarityResult,
  type Subject,
} from './compare-subjects.ts';
import type { GradedSources } from './graded-sources.ts';
import { codeFiles } from './source-files.ts';

export interface ChallengeSimilarity {
  challengeId: string;
  result: SimilarityResult;
  /** Submissions left out or cut short, each with why. */
  skipped: string[];
  /** How long the comparison took. */
  durationMs: number;
}

export interface SimilarityRequest {
  grades: readonly GradeResults[];
  sources: GradedSources;
  /** A folder of known solutions (one per sub-folder), e.g. public ones found online. */
  knownDir?: string;
  options?: Partial<SimilarityOptions>;
}

/** One comparison per challenge of the grades, in order of first appearance. */
export function similarityOfGrades(request: SimilarityRequest): ChallengeSimilarity[] {
  const byChallenge = new Map<string, GradeResults[]>();
  for (const grade of request.grades) byChallenge.set(grade.challenge.id, [...(byChallenge.get(grade.challenge.id) ?? []), grade]);
  const options = { ...defaultSimilarityOptions, ...request.options };
  return [...byChallenge].map(([challengeId, grades]) => {
    const started = Date.now();
    const skipped: string[] = [];
    const candidates: Subject[] = [];
    const seen = new Set<string>();
    for (const grade of grades) {
      if (seen.has(grade.submission)) continue;
      seen.add(grade.submission);
      const name = candidateName(grade);
      const note = request.sources.notes.get(grade.submission);
      if (note) skipped.push(`${name}: ${note}`);
      const files = request.sources.files.get(grade.submission);
      if (files) candidates.push({ name, role: 'candidate', files: files.filter((file) => codeFiles.test(file.path)) });
    }
    const { subjects, base } = challengeSubjects(loadChallenge(challengeId), request.knownDir);
    return { challengeId, result: compareSubjects([...candidates, ...subjects], base, options), skipped, durationMs: Date.now() - started };
  });
}
