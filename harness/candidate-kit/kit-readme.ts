// The kit's README: the challenge's statement as the kit needs it (the parts marked <!-- repository-only --> left out,
// the statement's folder of yours named as the kit's working folder), a section on working in the kit placed
// before the statement's first section, and (unless left out) the rubric: every check's title, category and points,
// with load rules, and the points per category, all summed from the manifest.
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
  const { manifest } = input;
  const statement = kitStatement(input.statement, manifest.id, input.workingFolder);
  const section = workingSection(input);
  const at = statement.search(/^## /m);
  const body = at === -1 ? `${statement.trimEnd()}\n\n${section}` : `${statement.slice(0, at)}${section}\n${statement.slice(at)}`;
  return input.rubric ? `${body.trimEnd()}\n\n${rubricSection(manifest)}` : `${body.trimEnd()}\n`;
}

/** The statement without what only holds in the harness repository, with the candidate's folder named as in the kit. */
export function kitStatement(statement: string, challengeId: string, workingFolder: string): string {
  return statement
    .replace(/^<!-- repository-only -->\n[\s\S]*?^<!-- \/repository-only -->\n\n?/gm, '')
    .replaceAll(`../my-${challengeId}`, workingFolder);
}

/** How to work in the kit: where, the commands that work in it, how the repository and its workflow behave, what
 * to send, and what the kit leaves out. */
function workingSection({ manifest, workingFolder, gradedBy }: KitReadmeInput): string {
  const services = manifest.services.length === 0 ? 'no services' : manifest.services.join(', ');
  return [
    '## This kit',
    '',
    `Your code goes in \`${workingFolder}/\` (a copy of the starter), and only there. The rest is the part of the grading`,
    `harness that runs the public tests. It needs Node.js 22.22 or newer (\`.nvmrc\`) and, for ${services}, a running Docker`,
    '(the harness starts the services in containers), or services of your own given with `--services external`',
    'and their URLs (`npx bch test --help`).',
    '',
    '```',
    'npm ci',
    `npm test          # your own tests, then the public tests (each alone below; flags after -- go to the public tests)`,
    `npm run test:own  # your own tests: vitest in ${workingFolder}/ (${workingFolder}/test/app.test.ts is an example with supertest)`,
    `npm run test:public # = npx bch test ${manifest.id} ${workingFolder}: the public tests against ${workingFolder}/`,
    `npm run typecheck # TypeScript's check of ${workingFolder}/ (tsconfig.json: Node's conventions, \`.ts\` imports, strict)`,
    `npx bch dev ${manifest.id} ${workingFolder}   # the local loop: services, helper servers and your service, restarted on change`,
    'npx bch doctor    # what this machine lacks for the commands above, each with its fix',
    'npx bch bundle    # submission.tar.gz: your app/ folder to send, without node_modules',
    '```',
    '',
    `Your own tests in \`${workingFolder}/\` are part of your submission. The interviewer reads them (what you chose to`,
    'test, and how) and may ask about them; this challenge does not score them.',
    '',
    'Keep the kit in a private repository of your own: your solution is yours to share or not. Pushing runs your',
    'tests and the public tests (`.github/workflows/public-tests.yml`); the first push of the starter is red, since',
    'the starter does not pass the public tests yet, and it turns green as your solution does.',
    '',
    `**To submit**, run \`npx bch bundle\` and send \`submission.tar.gz\` as you were asked (or the link and commit of`,
    `your repository, if that is what you were asked for). The bundle holds \`${workingFolder}/\` without \`node_modules\` or`,
    "`.git`, and is refused, with what made it too big, when it would break a grade's limits (100 MiB, 10,000 files).",
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
  const categories = new Map<string, number>();
  for (const check of manifest.checks) categories.set(check.category, (categories.get(check.category) ?? 0) + check.weight);
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
    `Per category: ${[...categories].map(([category, points]) => `${category} ${points}`).join(', ')}.`,
    '',
  ].join('\n');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}
