// challenges/<id>/variants.yaml: the known-bad variants of the reference solution, each a patch in variants/
// with the checks it must lose. The challenge batch (test/challenges.test.ts) grades them; `bch validate`
// checks the list, the count and that every patch applies.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** A challenge ships with at least this many variants; an empty list means "to be filled" (a new challenge). */
export const minimumVariants = 8;

export const variantListSchema = z.array(
  z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes'),
    description: z.string().min(1),
    loses: z.array(z.string()).min(1),
  }),
);

export type DeclaredVariant = z.infer<typeof variantListSchema>[number];

export type VariantListReading = { variants: DeclaredVariant[]; problems: [] } | { variants: []; problems: string[] };

/** The file of a challenge's variant list. */
export function variantListFile(challengeDir: string): string {
  return join(challengeDir, 'variants.yaml');
}

/** The patch of one variant. */
export function variantPatchFile(challengeDir: string, variantId: string): string {
  return join(challengeDir, 'variants', `${variantId}.patch`);
}

/** Reads and validates a challenge's variants.yaml (no file: no variants); every schema issue is one problem. */
export function readVariantList(challengeDir: string): VariantListReading {
  const file = variantListFile(challengeDir);
  if (!existsSync(file)) return { variants: [], problems: [] };
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    return { variants: [], problems: [`not valid YAML: ${(error as Error).message}`] };
  }
  const parsed = variantListSchema.safeParse(raw ?? []);
  if (!parsed.success)
    return { variants: [], problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`) };
  const seen = new Set<string>();
  const duplicates = parsed.data
    .filter((v) => seen.has(v.id) || !seen.add(v.id))
    .map((v) => `the variant id "${v.id}" is declared twice: give each variant its own id`);
  return duplicates.length > 0 ? { variants: [], problems: duplicates } : { variants: parsed.data, problems: [] };
}
