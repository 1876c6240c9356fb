// `bch results merge`: many batch folders (e.g. one artifact per CI runner) into one, with one index over all.
import { existsSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { saveIndex, type BatchIndex, type IndexEntry } from './batch-index.ts';

/** Copies every submission folder of every input into `outDir` and writes the merged index. Two rows with one id are
 * a re-grade of the same submission (the same label and content: the newest wins) or a clash, which fails with both
 * folders named: a merge never drops a candidate silently. */
export async function mergeResults(inputs: readonly string[], outDir: string): Promise<BatchIndex> {
  let challenge: string | undefined;
  const entries = new Map<string, IndexEntry>();
  const from = new Map<string, string>();
  for (const input of inputs) {
    const file = join(input, 'index.json');
    if (!existsSync(file))
      throw new UsageError('BCH_NOT_A_BATCH', `"${input}" holds no index.json: pass folders written by \`bch grade … --out\`.`);
    const index = JSON.parse(await readFile(file, 'utf8')) as BatchIndex;
    if (challenge !== undefined && index.challenge !== challenge)
      throw new UsageError(
        'BCH_MIXED_CHALLENGES',
        `"${input}" grades ${index.challenge}, the others ${challenge}: merge one challenge at a time.`,
      );
    challenge = index.challenge;
    for (const entry of index.entries) {
      const known = entries.get(entry.id);
      if (known && (known.submission !== entry.submission || known.contentHash !== entry.contentHash))
        throw new UsageError(
          'BCH_DUPLICATE_ID',
          `two different submissions have the id "${entry.id}": ${join(from.get(entry.id)!, entry.id)} (${known.submission}) and ${join(input, entry.id)} (${entry.submission}). Give each its own id: \`bch ci matrix\` makes them unique, and \`bch grade --out <dir> --id <id>\` keeps the one it gave.`,
        );
      if (known && known.gradedAt >= entry.gradedAt) continue;
      entries.set(entry.id, entry);
      from.set(entry.id, input);
      if (existsSync(join(input, entry.id))) await cp(join(input, entry.id), join(outDir, entry.id), { recursive: true, force: true });
    }
  }
  if (challenge === undefined) throw new UsageError('BCH_NOTHING_TO_MERGE', 'Pass at least one results folder.');
  const merged: BatchIndex = { version: 1, challenge, entries: [...entries.values()].sort((a, b) => a.id.localeCompare(b.id)) };
  await saveIndex(outDir, merged);
  return merged;
}
