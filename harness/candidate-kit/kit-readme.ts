// The kit's README: the challenge's statement, a section on working in the kit placed before the statement's
// first section, and (unless left out) the rubric: every check's title, category and points, with load rules.
import type { ChallengeManifest } from '../challenge-spec/challenge-manifest.ts';

export interface KitReadmeInput {
  statement: string;
  manifest: ChallengeManifest;
  workingFolder: string;
  gradedBy: string;
  rubric: boolean;
}

/** The README text of a kit. */
export function kitReadme(input: KitReadmeInput): string {
  const { statement, manifest } = input;
  const section = workingSection(input);
  const at = statement.search(/^## /m);
  const body = at === -1 ? `${statement.trimEnd()}\n\n${section}` : `${statement.slice(0, at)}${section}\n${statement.slice(at)}`;
  return input.rubric ? `${body.trimEnd()}\n\n${rubricSection(manifest)}` : `${body.trimEnd()}\n`;
}

/** How to run the public tests in the kit, locally and on push, and what the kit leaves out. */
function workingSection({ manifest, workingFolder, gradedBy }: KitReadmeInput): string {
  const services = manifest.services.length === 0 ? 'no services' : manifest.services.join(', ');
  return [
    '## This kit',
    '',
    `Your code goes in \`${workingFolder}/\` (a copy of the starter). The rest is the part of the grading harness`,
    `that runs the public tests. It needs Node.js 22.22 or newer (\`.nvmrc\`) and, for ${services}, a running Docker`,
    '(the harness starts the services in containers), or services of your own given with `--services external`',
    'and their URLs (`npx bch test --help`).',
    '',
    '```',
    'npm ci',
    `npm test          # = npx bch test ${manifest.id} ${workingFolder}: the public tests against ${workingFolder}/`,
    `npx bch dev ${manifest.id}   # the local loop: services, helper servers and your service, restarted on change`,
    '```',
    '',
    `Where the statement below names a folder of yours (\`../my-${manifest.id}\`), use \`${workingFolder}\`.`,
    'Pushing this repository to GitHub runs the same public tests (`.github/workflows/public-tests.yml`).',
    '',
    `The hidden tests that give your score are not in this kit. ${gradedBy}`,
    '',
  ].join('\n');
}

/** The check-by-check rubric: title, category, points, and the rules a load check holds the service to. */
export function rubricSection(manifest: ChallengeManifest): string {
  const rows = manifest.checks.map((check) => {
    const rules = check.load ? ` (load: ${check.load.thresholds.map((rule) => `\`${rule.source}\``).join(', ')})` : '';
    return `| ${escapeCell(check.title)}${rules} | ${check.category} | ${check.weight} |`;
  });
  const total = manifest.checks.reduce((sum, check) => sum + check.weight, 0);
  return [
    '## Rubric',
    '',
    'Every check of the grade, with its category and points. A check passes or fails as a whole.',
    '',
    '| Check | Category | Points |',
    '|---|---|---|',
    ...rows,
    `| **Total** | | **${total}** |`,
    '',
  ].join('\n');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}
