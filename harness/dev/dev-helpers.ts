// What a challenge offers to `bch dev`: its helper servers (an upstream catalog, a payment service…), started
// for the candidate's local loop. A challenge opts in with `fixtures/dev-helpers.ts` exporting `startDevHelpers`
// (one that needs no helper server returns none).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Challenge } from '../challenge/load-challenge.ts';
import { UsageError } from '../errors.ts';

export interface DevHelpers {
  /** Variables the candidate's service gets on top of the grade's (e.g. UPSTREAM_URL). */
  env: Record<string, string>;
  /** What to print: a label and a URL (with what can be done there). */
  urls: { label: string; url: string }[];
  stop(): Promise<void>;
}

/** What a challenge's helpers may use: the session's service variables (the candidate's own credentials), a log. */
export interface DevHelperContext {
  env: Record<string, string>;
  log: (line: string) => void;
}

export const devHelpersFile = 'fixtures/dev-helpers.ts';

/** The path of a challenge's dev helpers module, when it has one. */
export function devHelpersPath(challengeDir: string): string | undefined {
  const path = join(challengeDir, devHelpersFile);
  return existsSync(path) ? path : undefined;
}

/** Starts the challenge's helper servers; a challenge without a dev helpers module is not supported yet. */
export async function startDevHelpers(challenge: Challenge, context: DevHelperContext): Promise<DevHelpers> {
  const path = devHelpersPath(challenge.dir);
  if (!path) {
    throw new UsageError(
      'BCH_DEV_UNSUPPORTED',
      `bch dev does not support "${challenge.manifest.id}" yet (it has no ${devHelpersFile}). Use \`bch test\` for now.`,
    );
  }
  const module = (await import(pathToFileURL(path).href)) as { startDevHelpers(context: DevHelperContext): Promise<DevHelpers> };
  return module.startDevHelpers(context);
}

/** The helpers of a challenge that needs no helper server (its statement documents none). */
export async function noDevHelpers(): Promise<DevHelpers> {
  return { env: {}, urls: [], stop: async () => {} };
}
