// From JSON results to the HTML report: read and validate the grades, build each candidate's view, keep only
// what the audience may see, add the debrief from the challenge's manifest (interviewers), and render the page.
import type { ChallengeManifest } from '../challenge-spec/challenge-manifest.ts';
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import { describeError } from '../errors.ts';
import { forCandidate, type Audience } from './audience.ts';
import { type CandidateReport, candidateReport } from './candidate-report.ts';
import { compareCandidates } from './comparison.ts';
import { debriefGuide, type DebriefGuide } from './debrief-guide.ts';
import { renderReportPage } from './report-page.ts';
import type { GradeResults } from '../reporters/json-report-schema.ts';
import type { GradedSources } from '../similarity/graded-sources.ts';
import type { ChallengeSimilarity } from '../similarity/similarity-of-grades.ts';
import { readSourceFiles, reviewFiles, sourceLimits, type SourceFile } from '../similarity/source-files.ts';
import { codeView, pointedFiles } from './code-view.ts';
import type { ReviewerMarks, ReviewerRubric } from './reviewer-rubric.ts';

export interface ReportRequest {
  grades: readonly GradeResults[];
  audience: Audience;
  generatedAt?: Date;
  /** The manifest of a challenge, for its debrief questions; by default the repository's challenge of that id. */
  manifestOf?: (challengeId: string) => ChallengeManifest;
  /** Similarity between the submissions (similarity/similarity-of-grades.ts), shown to interviewers. */
  similarity?: readonly ChallengeSimilarity[];
  /** The submissions' files, read again (similarity/graded-sources.ts): the interviewer copy shows the code beside
   * each grade, its diff against the starter, and the files a lost check's evidence names. */
  sources?: GradedSources;
  /** The interviewer's rubric, and marks given earlier (read back from a saved page): fields beside each grade. */
  rubric?: ReviewerRubric;
  marks?: ReviewerMarks;
}

/** Builds the HTML of the report. */
export function buildReport(request: ReportRequest): string {
  const all = request.grades.map(candidateReport);
  const candidates =
    request.audience === 'candidate' ? all.map(forCandidate) : request.sources ? withCode(all, request.grades, request.sources) : all;
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

/** Each candidate with their code, its diff against the starter, and the files their lost checks' evidence names. */
function withCode(candidates: CandidateReport[], grades: readonly GradeResults[], sources: GradedSources): CandidateReport[] {
  const starters = new Map<string, SourceFile[]>();
  const starterOf = (id: string) => {
    if (!starters.has(id)) starters.set(id, readSourceFiles(loadChallenge(id).starterDir, sourceLimits, reviewFiles).files);
    return starters.get(id)!;
  };
  return candidates.map((candidate, i) => {
    const submission = grades[i].submission;
    const files = sources.files.get(submission);
    const note = sources.notes.get(submission);
    if (!files) return note ? { ...candidate, sourceNote: note } : candidate;
    return {
      ...candidate,
      ...(note ? { sourceNote: note } : {}),
      sourceView: codeView(files, starterOf(candidate.challenge.id)),
      checks: candidate.checks.map((check) => {
        if (check.outcome === 'passed') return check;
        const pointsTo = pointedFiles(`${check.message ?? ''}\n${check.output ?? ''}`, files);
        return pointsTo.length > 0 ? { ...check, pointsTo } : check;
      }),
    };
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
