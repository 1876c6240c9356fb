// Where the challenges live: the repository's `challenges/` folder, or BCH_CHALLENGES_DIR (for example a scratch
// challenge's temp folder), read once. Reference solutions live in the `solutions` folder beside it.
import { resolve } from 'node:path';

export const challengesRoot = resolve(process.env.BCH_CHALLENGES_DIR || resolve(import.meta.dirname, '../../challenges'));
