// Finds a challenge folder, validates its manifest and layout, and returns it as typed data.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ChallengeError, UsageError } from '../errors.ts';
import { readKitMarker } from '../candidate-kit/kit-marker.ts';
import type { ChallengeManifest } from './challenge-manifest.ts';
import { readManifest } from './read-manifest.ts';
import { challengesRoot } from '../config/challenges-root.ts';

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

export { challengesRoot };

/** Ids of every challenge folder that has a manifest. */
export function listChallengeIds(root = challengesRoot): string[] {
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'challenge.yaml')))
    .sort();
}

/** A UsageError unless `id` names a challenge folder with a manifest. */
export function assertKnownChallenge(id: string, root = challengesRoot): void {
  if (!/^[a-z][a-z0-9-]*$/.test(id) || !existsSync(join(root, id, 'challenge.yaml'))) {
    const known = listChallengeIds(root);
    throw new UsageError(
      'BCH_UNKNOWN_CHALLENGE',
      `There is no challenge "${id}". Known challenges: ${known.join(', ') || 'none'} (see \`bch list\`).`,
    );
  }
}

/** Loads and validates one challenge; a bad manifest or missing folder is a ChallengeError naming every problem. */
export function loadChallenge(id: string, root = challengesRoot): Challenge {
  assertKnownChallenge(id, root);
  const dir = join(root, id);
  const manifestPath = join(dir, 'challenge.yaml');
  const reading = readManifest(manifestPath, id);
  if (!reading.manifest) {
    const what =
      reading.code === 'BCH_MANIFEST_SYNTAX'
        ? `${manifestPath} is ${reading.problems[0]}`
        : `${manifestPath} is invalid:\n${reading.problems.map((p) => `  - ${p}`).join('\n')}`;
    throw new ChallengeError(reading.code, what);
  }
  const manifest = reading.manifest;
  const challenge = challengeAt(dir, manifest);
  // A candidate kit has no hidden tests, and its statement is the kit's own README.
  const missing = missingChallengeFiles(challenge, { inKit: readKitMarker(dirname(root)) !== undefined });
  if (missing.length > 0) {
    throw new ChallengeError('BCH_CHALLENGE_INCOMPLETE', `Challenge "${id}" is missing:\n${missing.map((p) => `  - ${p}`).join('\n')}`);
  }
  if (manifest.dataset) challenge.datasetSeedSql = readFileSync(join(dir, manifest.dataset.seed), 'utf8');
  return challenge;
}

/** The files and folders a challenge's manifest and layout require that do not exist (absolute paths). */
export function missingChallengeFiles(challenge: Challenge, options: { inKit: boolean }): string[] {
  const { manifest, dir } = challenge;
  // A kit's starter is its working folder, the one copy the candidate edits.
  const starter = [
    challenge.starterDir,
    join(challenge.starterDir, manifest.submission.entry),
    ...Object.values(manifest.submission.modules).map((file) => join(challenge.starterDir, file)),
  ];
  return [
    ...(options.inKit ? [] : [join(dir, 'README.md'), challenge.hiddenTestsDir, ...starter]),
    challenge.publicTestsDir,
    ...(manifest.dataset ? [join(dir, manifest.dataset.seed)] : []),
    ...manifest.sandbox.files.map((file) => join(dir, file)),
  ].filter((path) => !existsSync(path));
}

/** The reference solution of a challenge: solutions/<id> beside the challenges folder. */
export function referenceDirOf(id: string, root = challengesRoot): string {
  return join(dirname(root), 'solutions', id);
}

/** The test files of one suite of a challenge, sorted. */
export function testFilesOf(challenge: Challenge, suite: 'public' | 'hidden'): string[] {
  const dir = suite === 'public' ? challenge.publicTestsDir : challenge.hiddenTestsDir;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts') && statSync(join(dir, file)).isFile())
    .map((file) => join(dir, file))
    .sort();
}

/** The challenge whose folder is `dir`: its manifest and where its starter and tests are. */
export function challengeAt(dir: string, manifest: ChallengeManifest): Challenge {
  return { manifest, dir, starterDir: join(dir, 'starter'), publicTestsDir: join(dir, 'public'), hiddenTestsDir: join(dir, 'hidden') };
}
