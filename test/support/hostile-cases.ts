// The hostile corpus: submissions that attack the harness, each declared with the outcome it may reach in
// test/fixtures/hostile/cases.yaml. A case is its base (the lru-cache starter or reference) plus its attack
// (test/fixtures/hostile/<case>/src/hostile.ts, imported first by the files it is injected into), with the kit
// of attack helpers every case shares (test/fixtures/hostile/kit/, linked as src/kit and copied as files).
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { repoRoot } from './variants.ts';

export const hostileRoot = join(repoRoot, 'test/fixtures/hostile');

const gradeStatus = z.enum(['pass', 'fail', 'error']);
const caseList = z.array(
  z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    description: z.string().min(1),
    base: z.enum(['starter', 'reference']),
    inject: z.array(z.string()).min(1).default(['src/server.ts']),
    /** The highest score the case may get: an attack must never raise it. */
    maxScore: z.number().int().min(0).max(100),
    /** The lowest score (reference-based cases: the attack must not cost the reference its points either). */
    minScore: z.number().int().min(0).max(100).default(0),
    /** The statuses the grade may end with. */
    status: z.array(gradeStatus).min(1),
    /** Text the grade's report must contain (a limit named in a message). */
    reportIncludes: z.string().optional(),
    /** A grade of this untouched submission right after the case, in the same run: it must score as usual. */
    then: z.enum(['reference', 'crash-on-request']).optional(),
    /** Nothing of the case outlives its grade: processes, files, service spaces. */
    nothingLeftBehind: z.literal(true),
    /** What the case achieved before the sandbox (measured), and what the sandbox must change. */
    before: z.string().min(1),
  }),
);
export type HostileCase = z.infer<typeof caseList>[number] & { dir: string };

/** What every process the cases start carries in its command line, with the token of one build of the corpus. */
export const childMarker = (token: string): string => `bch-hostile-child-${token}`;

/** The declared cases, in the order they are graded. */
export function declaredHostileCases(): Omit<HostileCase, 'dir'>[] {
  return caseList.parse(parseYaml(readFileSync(join(hostileRoot, 'cases.yaml'), 'utf8')));
}

/** The folder of an untouched submission: the starter, the reference, or a broken-submission fixture. */
export function baseDir(base: 'starter' | 'reference' | 'crash-on-request'): string {
  if (base === 'starter') return join(repoRoot, 'challenges/lru-cache/starter');
  if (base === 'reference') return join(repoRoot, 'solutions/lru-cache');
  return join(repoRoot, 'test/fixtures/submissions', base);
}

/** Builds every case as a submission folder in a temp folder: base, attack and kit, and the import that runs the attack first. */
export async function materializeHostileCases(token: string): Promise<HostileCase[]> {
  const root = await mkdtemp(join(tmpdir(), 'bch-hostile-cases-'));
  const cases: HostileCase[] = [];
  for (const spec of declaredHostileCases()) {
    const dir = join(root, spec.id);
    await cp(baseDir(spec.base), dir, { recursive: true, filter: (source) => !source.includes('node_modules') });
    await cp(join(hostileRoot, spec.id), dir, { recursive: true, dereference: true });
    await writeFile(join(dir, '.hostile-token'), token);
    for (const file of spec.inject) {
      const target = join(dir, file);
      await writeFile(target, `import './hostile.ts';\n${await readFile(target, 'utf8')}`);
    }
    cases.push({ ...spec, dir });
  }
  return cases;
}
