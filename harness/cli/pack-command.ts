// `bch pack`: writes a candidate kit and says what is in it and how long it took.
import { resolve } from 'node:path';
import { packKit } from '../candidate-kit/pack-kit.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from 'commander';

export interface PackFlags {
  out: string;
  rubric: boolean;
  gradedBy?: string;
}

export async function packCommand(challengeId: string, flags: PackFlags, io: CliIo): Promise<number> {
  const result = await packKit({ challengeId, outDir: resolve(flags.out), rubric: flags.rubric, gradedBy: flags.gradedBy });
  io.out.write(
    `Packed ${challengeId} into ${result.outDir}: ${result.files.length} files, ${Object.keys(result.dependencies).length} dependencies, in ${result.durationMs} ms.\n` +
      `Hand the folder (or a repository made from it) to the candidate; in it: npm ci && npm test.\n`,
  );
  return 0;
}

/** Adds `bch pack`. */
export function registerPackCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('pack')
    .description('write a candidate kit: statement, starter, public tests and the harness they need; no hidden tests')
    .argument('<challenge>', 'challenge id (see `bch list`)')
    .requiredOption('--out <dir>', 'a new or empty folder for the kit')
    .option('--no-rubric', "leave the check-by-check rubric out of the kit's README")
    .option('--graded-by <text>', 'who grades, as the kit says it')
    .action(async (challenge: string, flags: PackFlags) => {
      setExitCode(await packCommand(challenge, flags, io));
    });
}
