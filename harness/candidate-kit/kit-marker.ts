// `bch-kit.json` at a kit's root says "this is a candidate kit": which challenge, the candidate's working
// folder and who grades. The loader then accepts a challenge without hidden tests, and `bch grade` refuses.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.ts';

export const kitMarkerFile = 'bch-kit.json';

const kitMarkerSchema = z.object({
  challenge: z.string().regex(/^[a-z][a-z0-9-]*$/),
  workingFolder: z.string().min(1),
  gradedBy: z.string().min(1),
});

export type KitMarker = z.infer<typeof kitMarkerSchema>;

/** The root of the repository or kit this harness runs from. */
export const harnessRoot = resolve(import.meta.dirname, '../..');

/** The kit marker of the tree at `root`, or undefined when it is the full repository. */
export function readKitMarker(root: string = harnessRoot): KitMarker | undefined {
  const file = join(root, kitMarkerFile);
  if (!existsSync(file)) return undefined;
  return kitMarkerSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Throws the usage error `bch grade` gives in a kit: the hidden tests are elsewhere, and who grades. */
export function refuseGradeInKit(root: string = harnessRoot): void {
  const kit = readKitMarker(root);
  if (!kit) return;
  throw new UsageError(
    'BCH_KIT_HAS_NO_HIDDEN_TESTS',
    `This is a candidate kit for "${kit.challenge}": the hidden tests that grade it are not in it, so \`bch grade\` cannot run here.\n` +
      `${kit.gradedBy}\n` +
      `Run the public tests instead: npm test (= npx bch test ${kit.challenge} ${kit.workingFolder}).`,
  );
}
