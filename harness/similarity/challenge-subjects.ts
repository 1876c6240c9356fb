// What a challenge gives similarity to compare candidates with: its reference solution, each shipped variant (the
// reference with the variant's patch applied, in memory), and the starter as base code. A folder of known public
// solutions (one per sub-folder) adds more.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Challenge, referenceDirOf } from '../challenge-spec/load-challenge.ts';
import { patchReference } from '../challenge-spec/variant-patch.ts';
import { readVariantList, variantPatchFile } from '../challenge-spec/variant-list.ts';
import type { Subject } from './compare-subjects.ts';
import { readSourceFiles, type SourceFile } from './source-files.ts';

export interface ChallengeSubjects {
  subjects: Subject[];
  base: SourceFile[];
}

export function challengeSubjects(challenge: Challenge, knownDir?: string): ChallengeSubjects {
  const base = readSourceFiles(challenge.starterDir).files;
  const referenceDir = referenceDirOf(challenge.manifest.id);
  const subjects: Subject[] = [];
  if (existsSync(referenceDir)) {
    const reference = readSourceFiles(referenceDir).files;
    subjects.push({ name: 'reference solution', role: 'reference', files: reference });
    for (const variant of readVariantList(challenge.dir).variants) {
      const patched = patchReference(referenceDir, readFileSync(variantPatchFile(challenge.dir, variant.id), 'utf8'));
      if (!patched.files) continue;
      const files = reference.map((file) => ({ path: file.path, content: patched.files.get(file.path) ?? file.content }));
      subjects.push({ name: `variant ${variant.id}`, role: 'variant', files });
    }
  }
  if (knownDir) {
    for (const name of readdirSync(knownDir).sort()) {
      const dir = join(knownDir, name);
      if (statSync(dir).isDirectory()) subjects.push({ name: `known ${name}`, role: 'known', files: readSourceFiles(dir).files });
    }
  }
  return { subjects, base };
}
