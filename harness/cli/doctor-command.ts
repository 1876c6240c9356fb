// `bch doctor`: checks this machine and prints, for each problem, the command that fixes it. Exit 3 on a problem.
import type { Settings } from '../config/settings.ts';
import { exitCodes } from '../errors.ts';
import { machineProbes } from '../doctor/machine-probes.ts';
import { formatFindings, runDoctor } from '../doctor/run-doctor.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from 'commander';
import { resolveSettings } from '../config/settings.ts';

export async function doctorCommand(settings: Settings, io: CliIo): Promise<number> {
  const findings = await runDoctor(machineProbes(io.env), settings);
  io.out.write(formatFindings(findings));
  return findings.some((f) => f.status === 'fail') ? exitCodes.environment : exitCodes.graded;
}

/** Adds `bch doctor`. */
export function registerDoctorCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('doctor')
    .description(
      'check this machine (Node.js, Docker, images, registries, local services, bubblewrap, disk) and say how to fix each problem',
    )
    .action(async () => {
      setExitCode(await doctorCommand(resolveSettings({}, io.env), io));
    });
}
