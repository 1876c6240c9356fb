// `bch doctor`: checks this machine and prints, for each problem, the command that fixes it. Exit 3 on a problem.
import type { Settings } from '../config/settings.ts';
import { exitCodes } from '../errors.ts';
import { machineProbes } from '../doctor/machine-probes.ts';
import { type DoctorScope, formatFindings, runDoctor } from '../doctor/run-doctor.ts';
import { readKitMarker } from '../candidate-kit/kit-marker.ts';
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from 'commander';
import { resolveSettings } from '../config/settings.ts';

export async function doctorCommand(settings: Settings, io: CliIo, scope?: DoctorScope): Promise<number> {
  const findings = await runDoctor(machineProbes(io.env), settings, scope);
  io.out.write(formatFindings(findings));
  return findings.some((f) => f.status === 'fail') ? exitCodes.environment : exitCodes.graded;
}

/** Adds `bch doctor [challenge]`: all services, or those of one challenge (in a kit, the kit's, without the sandbox). */
export function registerDoctorCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('doctor')
    .description(
      'check this machine (Node.js, Docker, images, registries, local services, bubblewrap, disk) and say how to fix each problem',
    )
    .argument('[challenge]', "check only this challenge's services (in a candidate kit: the kit's challenge)")
    .action(async (challengeId: string | undefined) => {
      const kit = readKitMarker();
      const id = challengeId ?? kit?.challenge;
      const scope = id ? { services: loadChallenge(id).manifest.services, sandbox: !kit } : undefined;
      setExitCode(await doctorCommand(resolveSettings({}, io.env), io, scope));
    });
}
