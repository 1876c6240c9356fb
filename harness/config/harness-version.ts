// The harness's own version (package.json), read once, for reports that say which harness graded.
import { createRequire } from 'node:module';

export const harnessVersion: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
