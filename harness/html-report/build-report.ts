// From JSON results to the HTML report: read and validate the grades, build each candidate's view, keep only
// what the audience may see, add the debrief from the challenge's manifest (interviewers), and render the page.
import type { ChallengeManifest } from '../challenge-spec/challenge-manifest.ts';
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import { describeError } from '../errors.ts';
import { forCandidate, type Audience } from './audience.ts';
import { candidateReport } from './candidate-report.ts';
import { compareCandidates } from './comparison.ts';
import { debriefGuide, type DebriefGuide } from './debrief-guide.ts';
import { renderReportPage } from './report-page.ts';
import type { GradeResults } from '../reporters/json-report-schema.ts';
import type { ChallengeSimilarity } from '../similarity/similarity-of-grades.ts';
import type { ReviewerMarks, ReviewerRubric } from './reviewer-rubric.ts';

export interface ReportRequest {
  grades: readonly GradeResults[];
  audience: Audience;
  generatedAt?: Date;
  /** The manifest of a challenge, for its debrief questions; by default the repository's challenge of that id. */
  manifestOf?: (challengeId: string) => ChallengeManifest;
  /** Similarity between the submissions (similarity/similarity-of-grades.ts), shown to interviewers. */
  similarity?: readonly ChallengeSimilarity[];
  /** The interviewer's rubric, and marks given earlier (read back from a saved page): fields beside each grade. */
  rubric?: ReviewerRubric;
  marks?: ReviewerMarks;
}

/** Builds the HTML of the report. */
export function buildReport(request: ReportRequest): string {
  const all = request.grades.map(candidateReport);
  const candidates = request.audience === 'candidate' ? all.map(forCandidate) : all;
  const debriefs = new Map<string, DebriefGuide>();
  const notes: string[] = [];
  if (request.audience === 'interviewer') {
    const manifestOf = request.manifestOf ?? ((id: string) => loadChallenge(id).manifest);
    const manifests = new Map<string, ChallengeManifest | undefined>();
    for (const candidate of candidates) {
      const id = candidate.challenge.id;
      if (!manifests.has(id)) manifests.set(id, readManifest(id, manifestOf, notes));
      const manifest = manifests.get(id);
      if (manifest) debriefs.set(candidate.key, debriefGuide(candidate, manifest));
    }
  }
  const rubric = request.rubric ?? request.marks?.rubric;
  return renderReportPage({
    audience: request.audience,
    generatedAt: request.generatedAt ?? new Date(),
    candidates,
    comparisons: compareCandidates(candidates),
    debriefs,
    notes,
    ...(request.similarity ? { similarity: request.similarity } : {}),
    ...(rubric ? { reviewer: { rubric, ...(request.marks ? { marks: request.marks } : {}) } } : {}),
  });
}

/** The manifest for the debrief; when it cannot be read, a note says why and the report goes on without it. */
function readManifest(id: string, manifestOf: (id: string) => ChallengeManifest, notes: string[]): ChallengeManifest | undefined {
  try {
    return manifestOf(id);
  } catch (error) {
    notes.push(`No debrief for challenge "${id}": its manifest could not be read (${describeError(error)}).`);
    return undefined;
  }
}
