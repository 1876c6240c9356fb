// `bch pack`: writes a candidate kit and says what is in it and how long it took.
import { resolve } from 'node:path';
import { packKit } from '../kit/pack-kit.ts';
import type { CliIo } from './cli-io.ts';

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
