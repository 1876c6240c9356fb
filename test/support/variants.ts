// Known-bad variants of a reference solution (harness/challenge-spec/variant-list.ts), materialized as patched
// copies in a temp folder for the challenge batches.
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { challengesRoot, referenceDirOf } from '../../harness/challenge-spec/load-challenge.ts';
import { readVariantList, variantPatchFile, type DeclaredVariant } from '../../harness/challenge-spec/variant-list.ts';
import { writePatchedCopy } from '../../harness/challenge-spec/variant-patch.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');

export type Variant = DeclaredVariant & { dir: string };

/** The variants declared for a challenge (none when it has no variants.yaml); a broken list throws. */
export function declaredVariants(challengeId: string): DeclaredVariant[] {
  const reading = readVariantList(join(challengesRoot, challengeId));
  if (reading.problems.length > 0)
    throw new Error(`challenges/${challengeId}/variants.yaml: ${reading.problems.join('; ')} (run bch validate ${challengeId})`);
  return reading.variants;
}

/** Copies the reference solution once per variant and applies the variant's patch; fails loudly if a patch no longer applies. */
export async function materializeVariants(challengeId: string): Promise<Variant[]> {
  const challengeDir = join(challengesRoot, challengeId);
  const root = await mkdtemp(join(tmpdir(), `bch-variants-${challengeId}-`));
  const variants: Variant[] = [];
  for (const variant of declaredVariants(challengeId)) {
    const dir = join(root, variant.id);
    await writePatchedCopy(
      referenceDirOf(challengeId),
      await readFile(variantPatchFile(challengeDir, variant.id), 'utf8'),
      dir,
      `variants/${variant.id}.patch`,
    );
    variants.push({ ...variant, dir });
  }
  return variants;
}
