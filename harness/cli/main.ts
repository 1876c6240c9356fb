// The command line: parses arguments (commander), runs the command each file of cli/ registers, returns the exit code.
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { describeError, exitCodeOf, exitCodes } from '../errors.ts';
import { readKitMarker } from '../candidate-kit/kit-marker.ts';
import { registerBundleCommand } from './bundle-command.ts';
import { registerCiCommands } from './ci-command.ts';
import type { CliIo } from './cli-io.ts';
import { registerCleanCommand } from './clean-command.ts';
import { registerDevCommand } from './dev-command.ts';
import { registerDoctorCommand } from './doctor-command.ts';
import { registerListCommand } from './list-command.ts';
import { registerNewCommand } from './new-command.ts';
import { registerPackCommand } from './pack-command.ts';
import { registerKitRefusals } from './kit-refusals.ts';
import { registerGradeCommand, registerTestCommand } from './register-grade-command.ts';
import { registerReportCommand } from './register-report-command.ts';
import { registerSimilarityCommand } from './similarity-command.ts';
import { registerValidateCommand } from './validate-command.ts';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Runs `bch` with the given arguments; never calls process.exit. */
export async function main(argv: string[], io: CliIo = { out: process.stdout, err: process.stderr, env: process.env }): Promise<number> {
  let exitCode = 0;
  const kit = readKitMarker();
  const program = new Command('bch')
    .description('Grade backend coding challenges against real Postgres, Redis and RabbitMQ.')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });

  const setExitCode = (code: number) => {
    exitCode = code;
  };
  registerGradeCommand(program, io, setExitCode, kit !== undefined);
  registerTestCommand(program, io, setExitCode);
  registerDevCommand(program, io, setExitCode);
  registerDoctorCommand(program, io, setExitCode);
  registerBundleCommand(program, io, setExitCode);
  registerCleanCommand(program, io, setExitCode);
  if (kit) {
    // A candidate kit: the interviewer's commands are not listed, and say where they belong without writing anything.
    registerKitRefusals(program, kit);
  } else {
    registerListCommand(program, io, setExitCode);
    registerPackCommand(program, io, setExitCode);
    registerCiCommands(program, io, setExitCode);
    registerReportCommand(program, io, setExitCode);
    registerSimilarityCommand(program, io, setExitCode);
    registerValidateCommand(program, io, setExitCode);
    registerNewCommand(program, io, setExitCode);
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : exitCodes.usage;
    }
    io.err.write(`bch: ${describeError(error)}\n`);
    return exitCodeOf(error);
  }
}
