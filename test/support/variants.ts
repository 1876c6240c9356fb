// Known-bad variants of a reference solution: each a patch of challenges/<id>/variants/, listed with the
// checks it must lose in challenges/<id>/variants.yaml. Materialized as patched copies in a temp folder.
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applyPatch, parsePatch } from 'diff';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const repoRoot = resolve(import.meta.dirname, '../..');

const variantList = z.array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), description: z.string().min(1), loses: z.array(z.string()).min(1) }));
export type Variant = z.infer<typeof variantList>[number] & { dir: string };

/** The variants declared for a challenge (none when it has no variants.yaml). */
export function declaredVariants(challengeId: string): Omit<Variant, 'dir'>[] {
  const file = join(repoRoot, 'challenges', challengeId, 'variants.yaml');
  if (!existsSync(file)) return [];
  return variantList.parse(parseYaml(readFileSync(file, 'utf8')));
}

/** Copies the reference solution once per variant and applies the variant's patch; fails loudly if a patch no longer applies. */
export async function materializeVariants(challengeId: string): Promise<Variant[]> {
  const reference = join(repoRoot, 'solutions', challengeId);
  const root = await mkdtemp(join(tmpdir(), `bch-variants-${challengeId}-`));
  const variants: Variant[] = [];
  for (const variant of declaredVariants(challengeId)) {
    const dir = join(root, variant.id);
    await cp(reference, dir, { recursive: true, filter: (source) => !source.includes('node_modules') });
    const patchText = await readFile(join(repoRoot, 'challenges', challengeId, 'variants', `${variant.id}.patch`), 'utf8');
    for (const filePatch of parsePatch(patchText)) {
      const target = join(dir, (filePatch.newFileName ?? filePatch.oldFileName ?? '').replace(/^[ab]\//, ''));
      const patched = applyPatch(await readFile(target, 'utf8'), filePatch);
      if (patched === false) throw new Error(`variants/${variant.id}.patch no longer applies to ${target.slice(dir.length + 1)}: update the patch to the current reference`);
      await writeFile(target, patched);
    }
    variants.push({ ...variant, dir });
  }
  return variants;
}
