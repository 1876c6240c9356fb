// A submission of a batch whose content hash equals an earlier one's (the same folder, archive bytes or commit
// under another name) is not graded again: it gets the earlier grade's files and index row, marked identical to it,
// so a report shows both candidates and says that they sent the same thing.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeReportFile } from '../reporters/write-report-file.ts';
import { saveIndex, type BatchIndex } from './batch-index.ts';
import type { BatchItem } from './batch-reporter.ts';

/** Each item whose content an earlier item of the batch has, with that earlier item. A git ref whose commit could not
 * be resolved has no content hash to compare. */
export function identicalItems(items: readonly BatchItem[]): Map<BatchItem, BatchItem> {
  const first = new Map<string, BatchItem>();
  const twins = new Map<BatchItem, BatchItem>();
  for (const item of items) {
    const earlier = first.get(item.contentHash);
    if (earlier && !item.contentHash.startsWith('git-unresolved:')) twins.set(item, earlier);
    else first.set(item.contentHash, item);
  }
  return twins;
}

/** Writes `twin`'s folder and index row from `original`'s grade; false when the original has no grade to copy. */
export async function recordIdentical(outDir: string, index: BatchIndex, twin: BatchItem, original: BatchItem): Promise<boolean> {
  const entry = index.entries.find((e) => e.id === original.id);
  const resultsFile = join(outDir, original.id, 'results.json');
  if (!entry || !existsSync(resultsFile)) return false;
  const note = `identical to ${original.id} (${original.label}): the same content, graded once`;
  const results = JSON.parse(await readFile(resultsFile, 'utf8')) as Record<string, unknown>;
  await writeReportFile(
    join(outDir, twin.id, 'results.json'),
    `${JSON.stringify({ ...results, submission: twin.label, submission_id: twin.id, identical_to: original.id, message: results.message ? `${note}; ${results.message}` : note }, null, 2)}\n`,
  );
  const summary = await readFile(join(outDir, original.id, 'summary.md'), 'utf8').catch(() => '');
  await writeReportFile(join(outDir, twin.id, 'summary.md'), `> ${note}.\n\n${summary}`);
  await saveIndex(outDir, index, { ...entry, id: twin.id, submission: twin.label, identicalTo: original.id, message: note });
  return true;
}
