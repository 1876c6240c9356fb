// `bch new`: writes a new challenge from the templates into the challenges folder, and its reference solution
// into the solutions folder beside it. Refuses an invalid or existing id; writes nothing then.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { serviceNames, type ServiceName } from '../services/service-registry.ts';
import { referenceDirOf } from '../challenge-spec/load-challenge.ts';
import { UsageError } from '../errors.ts';
import { challengeFiles } from './challenge-templates.ts';

/** The testkit the new challenge's tests import. */
const testkitIndex = join(import.meta.dirname, '../testkit/index.ts');

export interface ScaffoldRequest {
  id: string;
  services: readonly string[];
  /** The challenges folder. */
  root: string;
}

export interface ScaffoldResult {
  challengeDir: string;
  referenceDir: string;
  /** Every file written, absolute. */
  files: string[];
}

/** How the tests of a challenge folder import the testkit: a relative path, `../../../harness/testkit/index.ts` in the repository. */
export function testkitImportFor(challengeDir: string): string {
  return relative(join(challengeDir, 'hidden'), testkitIndex).split(sep).join('/');
}

export async function scaffoldChallenge(request: ScaffoldRequest): Promise<ScaffoldResult> {
  const { id, root } = request;
  if (!/^[a-z][a-z0-9-]*$/.test(id)) {
    throw new UsageError(
      'BCH_BAD_CHALLENGE_ID',
      `"${id}" is not a challenge id: use lower-case letters, digits and dashes, starting with a letter (e.g. rate-limiter).`,
    );
  }
  const unknown = request.services.filter((s) => !(serviceNames as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new UsageError(
      'BCH_UNKNOWN_SERVICE',
      `Unknown service ${unknown.map((s) => `"${s}"`).join(', ')}: --services takes a comma-separated list of ${serviceNames.join(', ')}.`,
    );
  }
  const challengeDir = join(root, id);
  const referenceDir = referenceDirOf(id, root);
  const taken = [challengeDir, referenceDir].filter((dir) => existsSync(dir));
  if (taken.length > 0) {
    throw new UsageError(
      'BCH_CHALLENGE_EXISTS',
      `The challenge "${id}" exists already (${taken.join(', ')}): choose another id, or edit it and run bch validate ${id}.`,
    );
  }
  const services = [...new Set(request.services)] as ServiceName[];
  const templates = challengeFiles({ id, services, testkitImport: testkitImportFor(challengeDir) });
  const files: string[] = [];
  for (const [dir, set] of [
    [challengeDir, templates.challenge],
    [referenceDir, templates.reference],
  ] as const) {
    for (const [path, text] of Object.entries(set)) {
      const file = join(dir, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text, { flag: 'wx' });
      files.push(file);
    }
  }
  return { challengeDir, referenceDir, files };
}
