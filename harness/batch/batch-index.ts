// The index of a batch: one row per submission (id, score, category subtotals, status, duration, content hash),
// kept as index.json (read back to resume) and index.md (for people), rewritten after every grade.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { GradeResult } from '../grading/grade-result.ts';
import { writeReportFile } from '../reporters/write-report-file.ts';

const subtotal = z.object({ score: z.number(), maxScore: z.number() });
const entrySchema = z.object({
  id: z.string(),
  submission: z.string(),
  contentHash: z.string(),
  challengeVersion: z.string(),
  status: z.enum(['pass', 'fail', 'error']),
  score: z.number(),
  maxScore: z.number(),
  categories: z.record(z.string(), subtotal),
  durationMs: z.number(),
  gradedAt: z.string(),
  message: z.string().optional(),
  /** The id of the earlier submission of the batch with the same content, whose grade this row copies. */
  identicalTo: z.string().optional(),
});
const indexSchema = z.object({ version: z.literal(1), challenge: z.string(), entries: z.array(entrySchema) });

export type IndexEntry = z.infer<typeof entrySchema>;
export type BatchIndex = z.infer<typeof indexSchema>;

/** Reads `<out>/index.json`; a missing file is an empty index, an unreadable one starts afresh (it is rebuilt). */
export async function readIndex(outDir: string, challenge: string): Promise<BatchIndex> {
  const file = join(outDir, 'index.json');
  if (!existsSync(file)) return { version: 1, challenge, entries: [] };
  const parsed = indexSchema.safeParse(JSON.parse(await readFile(file, 'utf8').catch(() => 'null')));
  return parsed.success && parsed.data.challenge === challenge ? parsed.data : { version: 1, challenge, entries: [] };
}

/** The index row of one grade, with points summed per category. */
export function indexEntryOf(result: GradeResult, id: string, contentHash: string, challengeVersion: string): IndexEntry {
  const categories: Record<string, { score: number; maxScore: number }> = {};
  for (const check of result.checks) {
    const sum = (categories[check.category] ??= { score: 0, maxScore: 0 });
    sum.score += check.score;
    sum.maxScore += check.weight;
  }
  return {
    id,
    submission: result.submission,
    contentHash,
    challengeVersion,
    status: result.status,
    score: result.score,
    maxScore: result.maxScore,
    categories,
    durationMs: result.durationMs,
    gradedAt: new Date().toISOString(),
    message: result.message,
  };
}

/** Replaces the row of the same id (or adds it) and writes both files. */
export async function saveIndex(outDir: string, index: BatchIndex, entry?: IndexEntry): Promise<void> {
  if (entry) index.entries = [...index.entries.filter((e) => e.id !== entry.id), entry].sort((a, b) => a.id.localeCompare(b.id));
  await writeReportFile(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  await writeReportFile(join(outDir, 'index.md'), indexMarkdown(index));
}

/** The index as a Markdown table, one column per category. */
export function indexMarkdown(index: BatchIndex): string {
  const categories = [...new Set(index.entries.flatMap((e) => Object.keys(e.categories)))].sort();
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const rows = index.entries.map(
    (e) =>
      `| [${cell(e.id)}](${encodeURI(e.id)}/summary.md) | ${e.status} | ${e.score}/${e.maxScore} | ${categories.map((c) => (e.categories[c] ? `${e.categories[c].score}/${e.categories[c].maxScore}` : '–')).join(' | ')} | ${(e.durationMs / 1000).toFixed(1)} s | ${cell(e.message ?? '')} |`,
  );
  return [
    `# ${index.challenge}: ${index.entries.length} submission(s)`,
    '',
    `| submission | status | score | ${categories.join(' | ')} | duration | message |`,
    `|---|---|---|${categories.map(() => '---|').join('')}---|---|`,
    ...rows,
    '',
  ].join('\n');
}
