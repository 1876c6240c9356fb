// The candidates of one challenge side by side: a row per candidate (score, categories, duration, status) and
// a candidate × check matrix of outcomes.
import type { CandidateReport, CheckOutcome } from './candidate-report.ts';

export interface Comparison {
  challenge: { id: string; title: string };
  categories: string[];
  checks: Array<{ id: string; title: string; category: string; max: number }>;
  candidates: CandidateReport[];
  /** matrix[candidate][check]: the outcome, or undefined when that grade has no such check. */
  matrix: Array<Array<CheckOutcome | undefined>>;
}

/** Groups candidates by challenge (in order of first appearance) and lines up their checks. */
export function compareCandidates(candidates: readonly CandidateReport[]): Comparison[] {
  const groups = new Map<string, CandidateReport[]>();
  for (const candidate of candidates) groups.set(candidate.challenge.id, [...(groups.get(candidate.challenge.id) ?? []), candidate]);
  return [...groups.values()].map((group) => {
    const checks = new Map<string, Comparison['checks'][number]>();
    for (const candidate of group)
      for (const c of candidate.checks)
        if (!checks.has(c.id)) checks.set(c.id, { id: c.id, title: c.title, category: c.category, max: c.max });
    const categories = [...new Set(group.flatMap((candidate) => candidate.subtotals.map((s) => s.category)))];
    return {
      challenge: { id: group[0].challenge.id, title: group[0].challenge.title },
      categories,
      checks: [...checks.values()],
      candidates: group,
      matrix: group.map((candidate) => [...checks.keys()].map((id) => candidate.checks.find((c) => c.id === id)?.outcome)),
    };
  });
}
