// A blind mutation campaign, graded: applies each mutant of a campaign folder to a copy of the reference solution,
// grades them all in one `bch grade` (services shared), and prints which mutants the hidden checks caught.
//
//   node scripts/grade-mutants.ts <campaign-folder>/<challenge> [--only 01,07] [bch grade flags…]
//
// The folder holds NN-slug.patch files (unified diffs against solutions/<challenge>) and mutants.yaml
// ({ id, file, sentence, bug } per mutant). A mutant is caught when its score is below 100. Flags after the folder
// go to `bch grade` (for example --services external with the URLs); --quick is always passed. Grades are
// timing-sensitive: run one campaign at a time (`flock /tmp/bch-grade.lock node scripts/grade-mutants.ts …`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { writePatchedCopy } from '../harness/challenge-spec/variant-patch.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const mutantList = z.array(z.looseObject({ id: z.string().regex(/^[a-z0-9-]+$/), sentence: z.string(), bug: z.string() }));
const gradeReport = z.array(
  z.looseObject({ score: z.number(), status: z.string(), tests: z.array(z.looseObject({ id: z.string(), status: z.string() })) }),
);

const [folderArg, ...rest] = process.argv.slice(2);
if (!folderArg) {
  console.error('usage: node scripts/grade-mutants.ts <campaign-folder>/<challenge> [--only 01,07] [bch grade flags…]');
  process.exit(2);
}
const folder = resolve(folderArg);
const challenge = basename(folder);
const onlyAt = rest.indexOf('--only');
const only = onlyAt >= 0 ? rest.splice(onlyAt, 2)[1].split(',') : undefined;
const mutants = mutantList
  .parse(parseYaml(readFileSync(join(folder, 'mutants.yaml'), 'utf8')))
  .filter((m) => !only || only.some((prefix) => m.id.startsWith(prefix)));

const work = mkdtempSync(join(tmpdir(), `bch-mutants-${challenge}-`));
try {
  const reference = join(repoRoot, 'solutions', challenge);
  const dirs: string[] = [];
  for (const mutant of mutants) {
    const dir = join(work, mutant.id);
    await writePatchedCopy(reference, readFileSync(join(folder, `${mutant.id}.patch`), 'utf8'), dir, `mutant ${mutant.id}`);
    dirs.push(dir);
  }
  const json = join(work, 'results.json');
  const grade = spawnSync(
    process.execPath,
    [join(repoRoot, 'bin/bch.js'), 'grade', challenge, ...dirs, '--quick', '--json', json, ...rest],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (grade.status !== 0) {
    console.error(`bch grade exited ${grade.status}: the campaign could not be graded (see above)`);
    process.exit(3);
  }
  const written: unknown = JSON.parse(readFileSync(json, 'utf8'));
  const reports = gradeReport.parse(Array.isArray(written) ? written : [written]); // one submission: one object
  const rows = mutants.map((mutant, i) => {
    const report = reports[i];
    const lost = report.tests.filter((t) => t.status !== 'pass').map((t) => t.id);
    const verdict = report.status === 'error' ? 'error' : report.score < 100 ? 'caught' : 'survived';
    return `| ${mutant.id} | ${verdict} | ${report.score} | ${lost.join(', ')} |`;
  });
  const caught = rows.filter((row) => row.includes('| caught |')).length;
  const table = [
    `${challenge}: ${caught} of ${mutants.length} caught`,
    '',
    '| mutant | verdict | score | checks lost |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
  console.log(table);
  writeFileSync(join(folder, 'last-grade.md'), `${table}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
