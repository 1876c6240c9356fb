// Requirement coverage: every testable sentence of a statement carries a `<!-- req: id -->` marker, and
// every marked requirement is verified by a check of the manifest or listed as untested with a reason.
import type { ChallengeManifest } from './challenge-manifest.ts';

/** The invisible marker that ends a requirement's sentence in a statement: `<!-- req: some-id -->`. */
export const requirementMarker = /<!--\s*req:\s*([^\s>]*)\s*-->/g;

const requirementId = /^[a-z][a-z0-9-]*$/;

export interface RequirementCoverage {
  /** Every requirement id of the statement, in the order it first appears. */
  requirements: string[];
  /** Requirements verified by at least one check, with the checks that verify them. */
  checkedBy: Map<string, string[]>;
  /** Requirements the manifest marks untested. */
  untested: string[];
  /** Everything wrong, each a sentence naming the id and what to do; empty when the coverage is complete. */
  problems: string[];
}

/** The requirement ids a statement marks, in order, with duplicates and malformed ids reported. */
export function requirementsInStatement(markdown: string): { ids: string[]; problems: string[] } {
  const ids: string[] = [];
  const problems: string[] = [];
  for (const line of markdown.split('\n')) {
    if (/^\|.*\|\s*<!--\s*req:[^>]*-->\s*$/.test(line))
      problems.push(`a marker after the last "|" of a table row is outside the table: put it inside the cell (${line.slice(0, 60)}…)`);
  }
  for (const match of markdown.matchAll(requirementMarker)) {
    const id = match[1];
    if (!requirementId.test(id)) problems.push(`the marker "${match[0]}" has no valid id: use lower-case letters, digits and dashes`);
    else if (ids.includes(id)) problems.push(`the requirement "${id}" is marked twice in the statement: give each sentence its own id`);
    else ids.push(id);
  }
  return { ids, problems };
}

/** Compares a statement's requirements with the checks and the untested list of its manifest. */
export function requirementCoverage(manifest: Pick<ChallengeManifest, 'checks' | 'untested'>, statement: string): RequirementCoverage {
  const { ids, problems } = requirementsInStatement(statement);
  const known = new Set(ids);
  const checkedBy = new Map<string, string[]>();
  for (const check of manifest.checks) {
    if (check.requirements.length === 0)
      problems.push(`the check "${check.id}" names no requirement: list the ids of the statement's sentences it verifies`);
    for (const id of check.requirements) {
      if (!known.has(id)) problems.push(`the check "${check.id}" names the requirement "${id}", which the statement does not mark`);
      else checkedBy.set(id, [...(checkedBy.get(id) ?? []), check.id]);
    }
  }
  const untested: string[] = [];
  for (const { id } of manifest.untested) {
    if (!known.has(id)) problems.push(`the untested requirement "${id}" is not marked in the statement`);
    else if (checkedBy.has(id))
      problems.push(
        `the requirement "${id}" is marked untested but the check "${checkedBy.get(id)?.[0]}" verifies it: remove it from untested`,
      );
    else if (untested.includes(id)) problems.push(`the requirement "${id}" is listed twice under untested`);
    else untested.push(id);
  }
  for (const id of ids) {
    if (!checkedBy.has(id) && !untested.includes(id))
      problems.push(`the requirement "${id}" has no check: add it to a check's requirements, or to untested with the reason`);
  }
  return { requirements: ids, checkedBy, untested, problems };
}

/** The coverage figure shown in the README's challenge table, e.g. "31 of 33 (2 untested)". */
export function coverageSummary(coverage: RequirementCoverage): string {
  const checked = coverage.requirements.filter((id) => coverage.checkedBy.has(id)).length;
  return `${checked} of ${coverage.requirements.length} (${coverage.untested.length} untested)`;
}
