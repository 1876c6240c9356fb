// Applies a variant's patch (a unified diff against the reference solution: `--- a/src/x.ts`, `+++ b/src/x.ts`)
// in memory, or onto a copy of the reference.
import { readFileSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { applyPatch, parsePatch } from 'diff';

export type PatchedFiles = { files: Map<string, string>; problems: [] } | { files?: undefined; problems: string[] };

/** The files a patch changes, as they read after it is applied to `referenceDir`; a hunk that no longer fits is a problem. */
export function patchReference(referenceDir: string, patchText: string): PatchedFiles {
  let filePatches: ReturnType<typeof parsePatch>;
  try {
    filePatches = parsePatch(patchText);
  } catch (error) {
    return { problems: [`is not a unified diff: ${(error as Error).message}`] };
  }
  if (filePatches.length === 0 || filePatches.every((p) => p.hunks.length === 0))
    return { problems: ['changes nothing: write the bug as a unified diff against the reference'] };
  const files = new Map<string, string>();
  const problems: string[] = [];
  for (const filePatch of filePatches) {
    const path = (filePatch.newFileName ?? filePatch.oldFileName ?? '').replace(/^[ab]\//, '');
    const created = filePatch.oldFileName === '/dev/null';
    let original = '';
    if (!created) {
      try {
        original = files.get(path) ?? readFileSync(join(referenceDir, path), 'utf8');
      } catch {
        problems.push(`changes ${path}, which the reference does not have: update the patch to the current reference`);
        continue;
      }
    }
    const patched = applyPatch(original, filePatch);
    if (patched === false) problems.push(`no longer applies to ${path}: update the patch to the current reference`);
    else files.set(path, patched);
  }
  return problems.length > 0 ? { problems } : { files, problems: [] };
}

/** Copies the reference into `dir` (without node_modules) and writes the patched files over it; throws when the patch does not apply. */
export async function writePatchedCopy(referenceDir: string, patchText: string, dir: string, label: string): Promise<void> {
  const patched = patchReference(referenceDir, patchText);
  if (!patched.files) throw new Error(`${label} ${patched.problems.join('; ')}`);
  await cp(referenceDir, dir, { recursive: true, filter: (source) => !source.includes('node_modules') });
  for (const [path, text] of patched.files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}
