// The harness's own packages, which its processes run with: the TypeScript loader every candidate process is
// started with, and the node_modules folder a submission without a lockfile shares.
import { resolve } from 'node:path';

/** tsx, resolved from the harness, so a candidate's TypeScript runs whatever its own dependencies are. */
export const tsxLoader = import.meta.resolve('tsx');

/** The harness's node_modules folder. */
export const harnessNodeModules = resolve(import.meta.dirname, '../../node_modules');
