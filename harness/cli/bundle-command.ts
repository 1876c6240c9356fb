// `bch bundle`: the candidate's solution as one archive to send, checked against the limits a grade applies.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { bundleSubmission } from '../candidate-kit/bundle-submission.ts';
import { readKitMarker } from '../candidate-kit/kit-marker.ts';
import { exitCodes, UsageError } from '../errors.ts';
import type { CliIo } from './cli-io.ts';

/** Adds `bch bundle [folder] --out <file>`; in a kit the folder defaults to the working folder. */
export function registerBundleCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('bundle')
    .description("pack your solution into one .tar.gz to send (without node_modules and .git), checked against the grade's limits")
    .argument('[folder]', 'the folder of your solution (in a kit: app)')
    .option('--out <file>', 'the archive to write', 'submission.tar.gz')
    .action(async (folder: string | undefined, flags: { out: string }) => {
      const kit = readKitMarker();
      const source = folder ?? kit?.workingFolder;
      if (!source) throw new UsageError('BCH_BUNDLE_NO_FOLDER', 'Give the folder of your solution: bch bundle <folder> [--out <file>].');
      const result = await bundleSubmission(resolve(source), resolve(flags.out));
      io.out.write(
        `wrote ${result.file}: ${result.files} files, ${Math.ceil(result.bytes / 1024)} KiB of source (node_modules and .git left out). Send this file.\n`,
      );
      setExitCode(exitCodes.graded);
    });
}
