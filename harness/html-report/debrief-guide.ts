// The interviewer's debrief for one candidate: strengths, checks lost, and the manifest's follow-up questions
// for each check worded for its result: those of the checks lost first, then those passed, each in the manifest's
// order (the order the statement builds the solution, so the conversation walks through the code once). When the
// service never started, the questions about its features are held back: what to ask is why it did not start.
import type { ChallengeManifest } from '../challenge-spec/challenge-manifest.ts';
import { outcomeCodes } from '../grading/grade-result.ts';
import type { CandidateReport } from './candidate-report.ts';

export interface DebriefGuide {
  strengths: string[];
  lost: Array<{ title: string; outcome: string; lostPoints: number; message?: string }>;
  questions: Array<{ title: string; result: 'passed' | 'failed'; questions: string[] }>;
  /** Why questions were held back (the service never started), when they were. */
  heldBack?: string;
  /** Checks that errored: nothing can be concluded about them. */
  unjudged: string[];
}

/** Builds the debrief of one candidate from their grade and the challenge's manifest. */
export function debriefGuide(candidate: CandidateReport, manifest: ChallengeManifest): DebriefGuide {
  const byId = new Map(candidate.checks.map((check) => [check.id, check]));
  const questions: DebriefGuide['questions'] = [];
  const neverStarted = candidate.code === outcomeCodes.serviceDidNotStart;
  for (const spec of manifest.checks) {
    const check = byId.get(spec.id);
    if (!check || check.outcome === 'error' || check.notRun || !spec.debrief) continue;
    const result = check.outcome === 'passed' ? 'passed' : 'failed';
    questions.push({ title: check.title, result, questions: Array.isArray(spec.debrief) ? spec.debrief : spec.debrief[result] });
  }
  questions.sort((a, b) => (a.result === b.result ? 0 : a.result === 'failed' ? -1 : 1));
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
    ...(neverStarted
      ? {
          heldBack:
            'The service never started, so the questions about its features are held back: start with why it did not start (the cause above), how the candidate ran it, and what they would check before sending it.',
        }
      : {}),
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
