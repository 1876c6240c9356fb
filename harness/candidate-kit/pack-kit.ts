// `bch pack`: writes a candidate kit, a self-contained repository with a challenge's statement, starter, public
// tests and the slice of the harness they need (every file reachable by imports from `bin/bch.js` and the public
// tests, and the challenge's `bch dev` helpers), and nothing from hidden/, solutions/, variants/ or another challenge.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { loadChallenge, testFilesOf } from '../challenge-spec/load-challenge.ts';
import { ChallengeError, UsageError } from '../errors.ts';
import { deriveLockfile, type KitRoot, type Lockfile } from './derive-lockfile.ts';
import { kitGitignore, kitPackageJson, kitTsconfig, kitWorkflow } from './kit-files.ts';
import { harnessRoot, kitMarkerFile, type KitMarker } from './kit-marker.ts';
import { kitReadme } from './kit-readme.ts';
import { collectModuleGraph } from './module-graph.ts';
import { devHelpersPath } from '../dev/dev-helpers.ts';

export interface PackRequest {
  challengeId: string;
  outDir: string;
  rubric: boolean;
  /** Who grades, said by `bch grade` and the README in the kit. */
  gradedBy?: string;
  /** The repository to pack from (tests only). */
  root?: string;
}

export interface PackResult {
  outDir: string;
  /** Every file written, relative to outDir, sorted. */
  files: string[];
  dependencies: Record<string, string>;
  durationMs: number;
}

export const kitWorkingFolder = 'app';
const defaultGradedBy = 'Whoever sent you this kit grades your working folder with them (`bch grade` in the full harness repository).';
const skipped = new Set(['node_modules', '.git']);

/** What the candidate's own tests use (each starter's test/app.test.ts). */
const ownTestPackages = ['vitest', 'supertest'];
/** Writes the kit for one challenge into an empty or new folder. */
export async function packKit(request: PackRequest): Promise<PackResult> {
  const started = Date.now();
  const root = request.root ?? harnessRoot;
  const { outDir } = request;
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    throw new UsageError('BCH_PACK_OUT_NOT_EMPTY', `${outDir} is not empty; give a new or empty folder to --out.`);
  }
  const challenge = loadChallenge(request.challengeId, join(root, 'challenges'));
  const { manifest } = challenge;
  const devHelpers = devHelpersPath(challenge.dir);
  const graph = await collectModuleGraph([
    join(root, 'bin/bch.js'),
    ...testFilesOf(challenge, 'public'),
    ...(devHelpers ? [devHelpers] : []),
  ]);
  const slice = graph.files.map((file) => relative(root, file));
  assertPackable(slice, manifest.id);

  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
    engines?: Record<string, string>;
  };
  const starterManifest = JSON.parse(readFileSync(join(challenge.starterDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  // Without a lockfile of its own, a submission runs on the harness's packages: the starter's must be there too,
  // and the packages of the candidate's own tests (the starter's test/ folder: vitest and supertest).
  const needed = [...new Set([...graph.packages, ...Object.keys(starterManifest.dependencies ?? {}), ...ownTestPackages])].sort();
  const missing = needed.filter((name) => !rootManifest.dependencies[name]);
  if (missing.length > 0) {
    throw new ChallengeError(
      'BCH_PACK_MISSING_DEPENDENCY',
      `The kit needs ${missing.join(', ')}, which the repository's package.json does not list in "dependencies": add ${missing.length === 1 ? 'it' : 'them'} there.`,
    );
  }
  // The candidate's TypeScript tooling: the compiler, Node's types, and the types of the starter's dependencies
  // that do not ship their own (as the repository's devDependencies pin them).
  const tooling = [
    'typescript',
    '@types/node',
    ...[...Object.keys(starterManifest.dependencies ?? {}), ...ownTestPackages].map((name) => `@types/${name}`),
  ].filter((name) => rootManifest.devDependencies[name]);
  const kitRoot: KitRoot = {
    name: `bch-kit-${manifest.id}`,
    version: rootManifest.version,
    dependencies: Object.fromEntries(needed.map((name) => [name, rootManifest.dependencies[name]])),
    devDependencies: Object.fromEntries(tooling.map((name) => [name, rootManifest.devDependencies[name]])),
    engines: rootManifest.engines,
  };
  const lock = deriveLockfile(JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile, kitRoot);
  const gradedBy = request.gradedBy ?? defaultGradedBy;
  const marker: KitMarker = { challenge: manifest.id, workingFolder: kitWorkingFolder, gradedBy };
  const challengeDir = relative(root, challenge.dir);

  await mkdir(outDir, { recursive: true });
  const copies = [...slice, join(challengeDir, 'challenge.yaml'), ...(manifest.dataset ? [join(challengeDir, manifest.dataset.seed)] : [])];
  for (const file of copies) await copyInto(join(root, file), join(outDir, file));
  const copyTree = (from: string, to: string) =>
    cp(from, to, { recursive: true, filter: (source) => source === from || !skipped.has(source.split(sep).at(-1)!) });
  await copyTree(challenge.starterDir, join(outDir, kitWorkingFolder));
  const statement = readFileSync(join(challenge.dir, 'README.md'), 'utf8');
  const written: Record<string, string> = {
    'README.md': kitReadme({
      statement,
      manifest,
      workingFolder: kitWorkingFolder,
      gradedBy,
      rubric: request.rubric,
    }),
    'package.json': kitPackageJson(kitRoot, manifest.id, kitWorkingFolder),
    'package-lock.json': `${JSON.stringify(lock, null, 2)}\n`,
    [kitMarkerFile]: `${JSON.stringify(marker, null, 2)}\n`,
    '.gitignore': kitGitignore,
    'tsconfig.json': kitTsconfig(kitWorkingFolder),
    '.nvmrc': readFileSync(join(root, '.nvmrc'), 'utf8'),
    '.github/workflows/public-tests.yml': kitWorkflow(),
  };
  for (const [file, text] of Object.entries(written)) {
    await mkdir(dirname(join(outDir, file)), { recursive: true });
    await writeFile(join(outDir, file), text);
  }
  const files = readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(outDir, join(entry.parentPath, entry.name)))
    .sort();
  return { outDir, files, dependencies: kitRoot.dependencies, durationMs: Date.now() - started };
}

/** Refuses a slice that reaches into hidden tests, solutions, variants or another challenge. */
function assertPackable(slice: readonly string[], challengeId: string): void {
  const leaks = slice.filter((file) => {
    const parts = file.split(sep);
    if (parts[0] === 'solutions') return true;
    if (parts[0] !== 'challenges') return false;
    return parts[1] !== challengeId || parts[2] === 'hidden' || parts[2] === 'variants';
  });
  if (leaks.length > 0) {
    throw new ChallengeError(
      'BCH_PACK_LEAK',
      `The public tests of "${challengeId}" import files a kit must not contain:\n${leaks.map((f) => `  - ${f}`).join('\n')}\nMove what the public tests need into the challenge's fixtures/.`,
    );
  }
}

async function copyInto(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await cp(from, to);
}
