// The hostile corpus: submissions that attack the harness, each declared with the outcome it may reach in
// test/fixtures/hostile/cases.yaml. A case is either its base (a challenge's starter or reference) plus its attack
// (test/fixtures/hostile/<case>/, copied over the base; `inject` lists the files that import `./hostile.ts` first),
// with the kit of attack helpers every case shares (test/fixtures/hostile/kit/, linked as src/kit and copied as
// files), sent in the case's `form` (a folder, an archive or a git repository); or a raw submission made by a named
// builder (`build`, test/support/hostile-builders.ts): archives and git URLs no base can express.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { buildTgz, buildZip, type ArchiveEntry } from './build-archive.ts';
import { hostileBuilders } from './hostile-builders.ts';
import { leakNeedles } from './leak-needles.ts';
import { localServices } from './run-bch.ts';
import { repoRoot } from './variants.ts';

export const hostileRoot = join(repoRoot, 'test/fixtures/hostile');

const gradeStatus = z.enum(['pass', 'fail', 'error']);
export const submissionForms = z.enum(['folder', 'tgz', 'zip', 'git']);
const caseList = z.array(
  z
    .strictObject({
      id: z.string().regex(/^[a-z0-9-]+$/),
      description: z.string().min(1),
      /** The challenge the case is graded as. */
      challenge: z.string().default('lru-cache'),
      /** How the case is sent: as a folder, a .tar.gz, a .zip, or a git repository (path#ref). */
      form: submissionForms.default('folder'),
      /** The untouched submission the attack is copied over; absent for a raw case (`build`). */
      base: z.enum(['starter', 'reference']).optional(),
      /** A raw case: the name of a builder in test/support/hostile-builders.ts that makes the submission argument. */
      build: z.string().optional(),
      /** The attack folder (test/fixtures/hostile/<attack>/), when one attack is graded as several cases; the id by default. */
      attack: z.string().optional(),
      /** The case gets `.hostile-needles.json`: salted hashes of every hidden file and line and of the admin URLs (leak-needles.ts). */
      needles: z.literal(true).optional(),
      inject: z.array(z.string()).min(1).default(['src/server.ts']),
      /** The highest score the case may get: an attack must never raise it. */
      maxScore: z.number().int().min(0).max(100),
      /** The lowest score (reference-based cases: the attack must not cost the reference its points either). */
      minScore: z.number().int().min(0).max(100).default(0),
      /** The statuses the grade may end with. */
      status: z.array(gradeStatus).min(1),
      /** The grade's code (a rejected submission's, say), when the case must end with a specific one. */
      code: z.string().optional(),
      /** The grade must end within this many seconds (a bomb refused early, a hang cut short). */
      maxSeconds: z.number().positive().optional(),
      /** Text the grade's report must contain (a limit named in a message). */
      reportIncludes: z.string().optional(),
      /** A grade of this untouched submission right after the case, in the same run: it must score as usual. */
      then: z.enum(['reference', 'crash-on-request']).optional(),
      /** Nothing of the case outlives its grade: processes, files, service spaces. */
      nothingLeftBehind: z.literal(true),
      /** What the case achieved before the defence (measured), and what the defence must change. */
      before: z.string().min(1),
    })
    .refine((c) => (c.base === undefined) !== (c.build === undefined), { message: 'a case has either a base or a build, not both' })
    .refine((c) => c.build === undefined || c.form === 'folder', { message: 'a raw case (build) makes its own form; leave form out' })
    .refine((c) => c.then !== 'crash-on-request' || c.challenge === 'lru-cache', {
      message: 'then: crash-on-request is an lru-cache submission',
    }),
);
export type HostileCase = z.infer<typeof caseList>[number] & {
  /** The folder the case was built in. */
  dir: string;
  /** The submission argument bch grades: a folder, an archive path, or a git path#ref. */
  argument: string;
};

/** What every process the cases start carries in its command line, with the token of one build of the corpus. */
export const childMarker = (token: string): string => `bch-hostile-child-${token}`;

/** The declared cases, in the order they are graded. */
export function declaredHostileCases(): Omit<HostileCase, 'dir' | 'argument'>[] {
  const cases = caseList.parse(parseYaml(readFileSync(join(hostileRoot, 'cases.yaml'), 'utf8')));
  const unknown = cases.filter((c) => c.build !== undefined && !(c.build in hostileBuilders)).map((c) => `${c.id}: ${c.build}`);
  if (unknown.length) throw new Error(`cases.yaml names builders test/support/hostile-builders.ts lacks: ${unknown.join(', ')}`);
  return cases;
}

/** The folder of an untouched submission: a challenge's starter or reference, or a broken-submission fixture. */
export function baseDir(base: 'starter' | 'reference' | 'crash-on-request', challenge = 'lru-cache'): string {
  if (base === 'starter') return join(repoRoot, 'challenges', challenge, 'starter');
  if (base === 'reference') return join(repoRoot, 'solutions', challenge);
  return join(repoRoot, 'test/fixtures/submissions', base);
}

/** Builds every case in a temp folder: a submission in its form, or a raw one from its builder. */
export async function materializeHostileCases(token: string): Promise<HostileCase[]> {
  const root = await mkdtemp(join(tmpdir(), 'bch-hostile-cases-'));
  const cases: HostileCase[] = [];
  let needles: string | undefined;
  for (const spec of declaredHostileCases()) {
    const dir = join(root, spec.id);
    if (spec.build !== undefined) {
      await mkdir(dir, { recursive: true });
      const placeAttack = (base: 'starter' | 'reference', into: string, attack: string) =>
        attackOver(base, spec.challenge, attack, spec.inject, into, token);
      const argument = await hostileBuilders[spec.build]({ dir, token, challenge: spec.challenge, placeAttack, sendAs });
      cases.push({ ...spec, dir, argument });
      continue;
    }
    await attackOver(spec.base!, spec.challenge, spec.attack ?? spec.id, spec.inject, dir, token);
    await writeFile(join(dir, '.hostile-case'), spec.id);
    if (spec.needles) {
      needles ??= JSON.stringify(leakNeedles(token, localServices));
      await writeFile(join(dir, '.hostile-needles.json'), needles);
    }
    cases.push({ ...spec, dir, argument: await sendAs(spec.form, dir) });
  }
  return cases;
}

/** Writes into `dir` the base submission with the attack folder test/fixtures/hostile/<attack>/ over it, its token, and the imports of hostile.ts. */
async function attackOver(
  base: 'starter' | 'reference',
  challenge: string,
  attack: string,
  inject: string[],
  dir: string,
  token: string,
): Promise<void> {
  await cp(baseDir(base, challenge), dir, { recursive: true, filter: (source) => !source.includes('node_modules') });
  await cp(join(hostileRoot, attack), dir, { recursive: true, dereference: true });
  await writeFile(join(dir, '.hostile-token'), token);
  for (const file of inject) {
    const target = join(dir, file);
    await writeFile(target, `import './hostile.ts';\n${await readFile(target, 'utf8')}`);
  }
}

/** The submission argument for a built folder in a form: the folder, an archive beside it, or a git repository. */
export async function sendAs(form: z.infer<typeof submissionForms>, dir: string): Promise<string> {
  if (form === 'folder') return dir;
  if (form === 'git') {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=candidate', '-c', 'user.email=candidate@example.com', ...args], { cwd: dir, stdio: 'pipe' });
    git('init', '-q', '-b', 'submitted');
    git('add', '-A');
    git('commit', '-q', '-m', 'submission');
    return `${dir}#submitted`;
  }
  const entries = await folderEntries(dir);
  const file = `${dir}.${form}`;
  await writeFile(file, form === 'tgz' ? buildTgz(entries) : buildZip(entries));
  return file;
}

/** Every file, folder and link under `dir`, as archive entries with paths relative to it (a link as the link it is). */
async function folderEntries(dir: string, under = dir): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  for (const name of (await readdir(under)).sort()) {
    const path = join(under, name);
    const info = await lstat(path);
    const relativePath = relative(dir, path);
    if (info.isDirectory()) entries.push({ name: relativePath, type: 'dir' }, ...(await folderEntries(dir, path)));
    else if (info.isSymbolicLink()) entries.push({ name: relativePath, type: 'symlink', target: await readlink(path) });
    else entries.push({ name: relativePath, content: await readFile(path), mode: info.mode & 0o777 });
  }
  return entries;
}
