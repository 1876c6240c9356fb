// Reads challenges/<id>/challenge.yaml into a validated manifest, or into the list of everything wrong with it.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { challengeManifestSchema, type ChallengeManifest } from './challenge-manifest.ts';

export type ManifestReading =
  | { manifest: ChallengeManifest }
  | { manifest?: undefined; code: 'BCH_MANIFEST_SYNTAX' | 'BCH_MANIFEST_INVALID'; problems: string[] };

/** Parses and validates the manifest of the challenge folder `id`; every schema issue is one problem ("path: message"). */
export function readManifest(manifestPath: string, id: string): ManifestReading {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    return { code: 'BCH_MANIFEST_SYNTAX', problems: [`not valid YAML: ${(error as Error).message}`] };
  }
  const parsed = challengeManifestSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      code: 'BCH_MANIFEST_INVALID',
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    };
  }
  if (parsed.data.id !== id) {
    return { code: 'BCH_MANIFEST_INVALID', problems: [`declares id "${parsed.data.id}" but lives in folder "${id}": make them equal`] };
  }
  return { manifest: parsed.data };
}
