// `bch doctor`: checks this machine and prints, for each problem, the command that fixes it. Exit 3 on a problem.
import type { Settings } from '../config/settings.ts';
import { exitCodes } from '../errors.ts';
import { machineProbes } from '../doctor/machine-probes.ts';
import { formatFindings, runDoctor } from '../doctor/run-doctor.ts';
import type { CliIo } from './cli-io.ts';

export async function doctorCommand(settings: Settings, io: CliIo): Promise<number> {
  const findings = await runDoctor(machineProbes(io.env), settings);
  io.out.write(formatFindings(findings));
  return findings.some((f) => f.status === 'fail') ? exitCodes.environment : exitCodes.graded;
}
