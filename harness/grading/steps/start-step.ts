// The start step: the service is started once before the tests, so a service that cannot start fails every check
// at once with the reason and its output, and no check waits for its own readiness timeout.
import type { ChallengeManifest } from '../../challenge-spec/challenge-manifest.ts';
import { EnvironmentError } from '../../errors.ts';
import { startOnFreePort } from '../../process/service-process.ts';
import { endpointsOf } from '../../sandbox/endpoints-of.ts';
import { openSandbox } from '../../sandbox/open-sandbox.ts';
import type { SandboxPlan } from '../../sandbox/sandbox-plan.ts';
import { explainSkippedScripts } from '../../submission/explain-skipped-scripts.ts';
import { type StartCause, startCause } from '../start-cause.ts';

export interface StartInput {
  plan: SandboxPlan;
  manifest: ChallengeManifest;
  env: Record<string, string>;
  registryDir: string;
  /** Dependencies whose install scripts did not run: a start failure they explain says so. */
  installScriptsSkipped: string[];
}

/** Why the service could not start, with its output and the first error it names; undefined when it started and
 * answered its readiness path. */
export type StartFailure = { message: string; output: string; cause?: StartCause } | undefined;

export async function startStep({ plan, manifest, env, registryDir, installScriptsSkipped }: StartInput): Promise<StartFailure> {
  let sandbox;
  try {
    sandbox = await openSandbox(plan, registryDir, endpointsOf(env));
  } catch (error) {
    throw new EnvironmentError('BCH_SANDBOX_FAILED', `could not open a sandbox for the service: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    const outcome = await startOnFreePort({
      appDir: plan.appDir,
      entry: manifest.submission.entry,
      env,
      readiness: manifest.submission.readiness,
      registryDir,
      sandbox,
    });
    if (outcome.ok) {
      await outcome.process.stop();
      return undefined;
    }
    const skipped = explainSkippedScripts(`${outcome.message}\n${outcome.output}`, installScriptsSkipped);
    const cause = startCause(outcome.output, plan.appDir);
    return { message: skipped ? `${outcome.message}; ${skipped}` : outcome.message, output: outcome.output, ...(cause ? { cause } : {}) };
  } finally {
    await sandbox.destroy();
  }
}
