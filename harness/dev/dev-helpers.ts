// What a challenge offers to `bch dev`: its helper servers (an upstream catalog, a payment service…), started
// for the candidate's local loop. A challenge opts in with `fixtures/dev-helpers.ts` exporting `startDevHelpers`;
// one without that file has no helper server.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Challenge } from '../challenge-spec/load-challenge.ts';
import type { DevHelperContext, DevHelpers } from '../testkit/dev-helpers.ts';

export const devHelpersFile = 'fixtures/dev-helpers.ts';

/** The path of a challenge's dev helpers module, when it has one. */
export function devHelpersPath(challengeDir: string): string | undefined {
  const path = join(challengeDir, devHelpersFile);
  return existsSync(path) ? path : undefined;
}

/** Starts the challenge's helper servers: none for a challenge without a dev helpers module. */
export async function startDevHelpers(challenge: Challenge, context: DevHelperContext): Promise<DevHelpers> {
  const path = devHelpersPath(challenge.dir);
  if (!path) return { env: {}, urls: [], stop: async () => {} };
  const module = (await import(pathToFileURL(path).href)) as { startDevHelpers(context: DevHelperContext): Promise<DevHelpers> };
  return module.startDevHelpers(context);
}
