// `bch dev`: runs the local loop until Ctrl-C, printing every URL, then removes everything it started.
import { resolve } from 'node:path';
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import type { Settings } from '../config/settings.ts';
import { startDevSession } from '../dev/dev-session.ts';
import { readKitMarker } from '../candidate-kit/kit-marker.ts';
import { runTeardownOnSignals, Teardown } from '../lifecycle/teardown.ts';
import { assertSubmissionDir } from '../submission/prepare-submission.ts';
import { UsageError } from '../errors.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from 'commander';
import { resolveSettings } from '../config/settings.ts';
import type { GradeFlags } from './cli-io.ts';
import { runOptions } from './run-options.ts';

export async function devCommand(challengeId: string, folder: string | undefined, settings: Settings, io: CliIo): Promise<number> {
  const challenge = loadChallenge(challengeId);
  const chosen = folder ?? readKitMarker()?.workingFolder;
  if (!chosen) throw new UsageError('BCH_DEV_NO_FOLDER', `Give the folder of your service: bch dev ${challengeId} <folder>.`);
  const dir = assertSubmissionDir(chosen);
  const log = (line: string) => io.err.write(`${line}\n`);
  const teardown = new Teardown();
  runTeardownOnSignals(teardown, log);
  const session = await startDevSession({ challenge, folder: dir, settings, log, teardown });
  const width = Math.max(...session.urls.map((u) => u.label.length));
  io.out.write(
    `bch dev ${challengeId}: ${dir}\n${session.urls.map((u) => `  ${u.label.padEnd(width)}  ${u.url}`).join('\n')}\nWatching ${resolve(dir)}: a change restarts the service. Ctrl-C stops and removes everything.\nYour service runs unsandboxed, as with \`bch test\`: it is your own code on your own machine (a grade sandboxes it).\n`,
  );
  await new Promise<never>(() => {}); // until a signal: runTeardownOnSignals exits after the teardown
  return 0;
}

/** Adds `bch dev`. */
export function registerDevCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  runOptions(
    program
      .command('dev')
      .description('your local loop: the services and helper servers a grade uses, and your service restarted on every change')
      .argument('<challenge>', 'challenge id (see `bch list`)')
      .argument('[folder]', "your service's folder (in a kit: the working folder)"),
  ).action(async (challenge: string, folder: string | undefined, flags: GradeFlags) => {
    setExitCode(await devCommand(challenge, folder, resolveSettings(flags, io.env), io));
  });
}
