// Finds a challenge folder, validates its manifest and layout, and returns it as typed data.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ChallengeError, UsageError } from '../errors.ts';
import { challengeManifestSchema, type ChallengeManifest } from './challenge-manifest.ts';

export interface Challenge {
  manifest: ChallengeManifest;
  /** Absolute path of challenges/<id>. */
  dir: string;
  starterDir: string;
  publicTestsDir: string;
  hiddenTestsDir: string;
  /** The data set's seed SQL, read at load time (undefined without a dataset). */
  datasetSeedSql?: string;
}

/** The repository's challenges folder. */
export const challengesRoot = resolve(import.meta.dirname, '../../challenges');

/** Ids of every challenge folder that has a manifest. */
export function listChallengeIds(root = challengesRoot): string[] {
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'challenge.yaml')))
    .sort();
}

/** Loads and validates one challenge; a bad manifest or missing folder is a ChallengeError naming every problem. */
export function loadChallenge(id: string, root = challengesRoot): Challenge {
  const dir = join(root, id);
  const manifestPath = join(dir, 'challenge.yaml');
  if (!/^[a-z][a-z0-9-]*$/.test(id) || !existsSync(manifestPath)) {
    const known = listChallengeIds(root);
    throw new UsageError('BCH_UNKNOWN_CHALLENGE', `There is no challenge "${id}". Known challenges: ${known.join(', ') || 'none'} (see \`bch list\`).`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new ChallengeError('BCH_MANIFEST_SYNTAX', `${manifestPath} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = challengeManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ChallengeError('BCH_MANIFEST_INVALID', `${manifestPath} is invalid:\n${problems.join('\n')}`);
  }
  const manifest = parsed.data;
  if (manifest.id !== id) {
    throw new ChallengeError('BCH_MANIFEST_INVALID', `${manifestPath} declares id "${manifest.id}" but lives in folder "${id}"`);
  }
  const challenge: Challenge = {
    manifest,
    dir,
    starterDir: join(dir, 'starter'),
    publicTestsDir: join(dir, 'public'),
    hiddenTestsDir: join(dir, 'hidden'),
  };
  const missing = [
    join(dir, 'README.md'),
    challenge.starterDir,
    challenge.publicTestsDir,
    challenge.hiddenTestsDir,
    join(challenge.starterDir, manifest.submission.entry),
    ...(manifest.dataset ? [join(dir, manifest.dataset.seed)] : []),
    ...Object.values(manifest.submission.modules).map((file) => join(challenge.starterDir, file)),
    ...manifest.sandbox.files.map((file) => join(dir, file)),
  ].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new ChallengeError('BCH_CHALLENGE_INCOMPLETE', `Challenge "${id}" is missing:\n${missing.map((p) => `  - ${p}`).join('\n')}`);
  }
  if (manifest.dataset) challenge.datasetSeedSql = readFileSync(join(dir, manifest.dataset.seed), 'utf8');
  return challenge;
}

/** The test files of one suite of a challenge, sorted. */
export function testFilesOf(challenge: Challenge, suite: 'public' | 'hidden'): string[] {
  const dir = suite === 'public' ? challenge.publicTestsDir : challenge.hiddenTestsDir;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts') && statSync(join(dir, file)).isFile())
    .map((file) => join(dir, file))
    .sort();
}
