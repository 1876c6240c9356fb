// The points a statement promises per category ("| Correctness | 65 | … |" rows, "Total: 100 points.") against the
// manifest's weights: a candidate reads the statement, the grade adds the weights, and the two must agree.
import type { ChallengeManifest } from './challenge-manifest.ts';

/** What in the statement disagrees with the manifest's points, one message per figure. */
export function statementPointProblems(statement: string, manifest: ChallengeManifest): string[] {
  const sums = new Map<string, number>();
  for (const check of manifest.checks) sums.set(check.category, (sums.get(check.category) ?? 0) + check.weight);
  const total = manifest.checks.reduce((sum, check) => sum + check.weight, 0);
  const problems: string[] = [];
  for (const match of statement.matchAll(/^\|\s*([A-Za-z]+)\s*\|\s*(\d+)\s*\|/gm)) {
    const category = match[1].toLowerCase();
    const stated = Number(match[2]);
    if (!sums.has(category)) continue;
    if (sums.get(category) !== stated)
      problems.push(
        `says ${match[1]} is worth ${stated} points, but the manifest's ${category} checks weigh ${sums.get(category)}: correct the statement's table`,
      );
  }
  for (const match of statement.matchAll(/\bTotal: (\d+) points\b/g))
    if (Number(match[1]) !== total) problems.push(`says "Total: ${match[1]} points", but the manifest's checks weigh ${total} in all`);
  return problems;
}
