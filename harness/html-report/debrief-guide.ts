// The interviewer's debrief for one candidate: strengths, checks lost, and the manifest's follow-up questions
// for each check worded for its result, in the manifest's order (the order the statement builds the solution,
// so the conversation walks through the code once).
import type { ChallengeManifest } from '../challenge-spec/challenge-manifest.ts';
import type { CandidateReport } from './candidate-report.ts';

export interface DebriefGuide {
  strengths: string[];
  lost: Array<{ title: string; outcome: string; lostPoints: number; message?: string }>;
  questions: Array<{ title: string; result: 'passed' | 'failed'; questions: string[] }>;
  /** Checks that errored: nothing can be concluded about them. */
  unjudged: string[];
}

/** Builds the debrief of one candidate from their grade and the challenge's manifest. */
export function debriefGuide(candidate: CandidateReport, manifest: ChallengeManifest): DebriefGuide {
  const byId = new Map(candidate.checks.map((check) => [check.id, check]));
  const questions: DebriefGuide['questions'] = [];
  for (const spec of manifest.checks) {
    const check = byId.get(spec.id);
    if (!check || check.outcome === 'error' || !spec.debrief) continue;
    const result = check.outcome === 'passed' ? 'passed' : 'failed';
    questions.push({ title: check.title, result, questions: Array.isArray(spec.debrief) ? spec.debrief : spec.debrief[result] });
  }
  return {
    strengths: strengths(candidate),
    lost: candidate.checks
      .filter((check) => check.outcome === 'failed' || check.outcome === 'timeout')
      .map((check) => ({
        title: check.title,
        outcome: check.outcome,
        lostPoints: check.max - check.score,
        ...(check.message ? { message: check.message } : {}),
      })),
    questions,
    unjudged: candidate.checks.filter((check) => check.outcome === 'error').map((check) => check.title),
  };
}

/** Categories at full marks, then the checks passed in the other categories. */
function strengths(candidate: CandidateReport): string[] {
  return candidate.subtotals.flatMap((total) => {
    const passed = candidate.checks.filter((check) => check.category === total.category && check.outcome === 'passed');
    if (passed.length === 0) return [];
    if (total.score === total.max) return [`${total.category}: every check (${total.score}/${total.max} points)`];
    return [`${total.category}: ${passed.map((check) => check.title).join('; ')}`];
  });
}
