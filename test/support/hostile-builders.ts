// Raw hostile submissions for test/fixtures/hostile/cases.yaml (`build: <name>`): what no base plus attack can
// express, such as archives with hostile entries and git URLs with hostile transports. Each builder writes what it
// needs under `dir` and returns the argument `bch grade` receives.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTgz } from './build-archive.ts';

export interface BuildRequest {
  /** An empty folder of the case's own. */
  dir: string;
  /** The corpus build's token (`childMarker(token)` marks the processes a case starts). */
  token: string;
  challenge: string;
}

export type HostileBuilder = (request: BuildRequest) => Promise<string>;

export const hostileBuilders: Record<string, HostileBuilder> = {
  /** A .tar.gz whose only file is outside the archive's root (`../escape.ts`). */
  'tar-dot-dot': async ({ dir }) => {
    const file = join(dir, 'submission.tar.gz');
    await writeFile(file, buildTgz([{ name: '../escape.ts', content: 'export {};\n' }]));
    return file;
  },
};
