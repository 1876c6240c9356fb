// Writes a batch's files as grades end: per submission results.json, junit.xml, summary.md and the service
// output of each check under logs/ (and of a start that failed, logs/service-start.log), then the updated index; a crash mid-batch keeps every finished grade.
import { join } from 'node:path';
import type { GradeResult } from '../grading/grade-result.ts';
import { gradeProvenance } from '../reporters/grade-provenance.ts';
import { toJsonReport } from '../reporters/json-report.ts';
import { toJunitReport } from '../reporters/junit-report.ts';
import { toMarkdownSummary } from '../reporters/markdown-summary.ts';
import type { Reporter } from '../grading/reporter.ts';
import { writeReportFile } from '../reporters/write-report-file.ts';
import { indexEntryOf, saveIndex, type BatchIndex } from './batch-index.ts';

export interface BatchItem {
  id: string;
  label: string;
  contentHash: string;
}

export class BatchReporter implements Reporter {
  readonly #outDir: string;
  readonly #index: BatchIndex;
  readonly #items: Map<string, BatchItem>;
  readonly #challengeVersion: string;

  constructor(outDir: string, index: BatchIndex, items: readonly BatchItem[], challengeVersion: string) {
    this.#outDir = outDir;
    this.#index = index;
    this.#items = new Map(items.map((item) => [item.label, item]));
    this.#challengeVersion = challengeVersion;
  }

  /** Writes the grade's own files, then its index row. */
  async onGradeEnd(result: GradeResult): Promise<void> {
    const item = this.#items.get(result.submission);
    if (!item) return;
    const dir = join(this.#outDir, item.id);
    await writeReportFile(
      join(dir, 'results.json'),
      `${JSON.stringify({ ...toJsonReport(result, gradeProvenance(result, this.#challengeVersion)), submission_id: item.id }, null, 2)}\n`,
    );
    await writeReportFile(join(dir, 'junit.xml'), toJunitReport({ grades: [result], servicesMs: 0, durationMs: result.durationMs }));
    await writeReportFile(join(dir, 'summary.md'), toMarkdownSummary(result));
    for (const check of result.checks.filter((c) => c.output))
      await writeReportFile(join(dir, 'logs', `${check.id.replace(/[^\w.-]/g, '_')}.log`), check.output!);
    // A service that did not start: its output once (the checks it failed carry none).
    if (result.startFailure?.output) await writeReportFile(join(dir, 'logs', 'service-start.log'), result.startFailure.output);
    await saveIndex(this.#outDir, this.#index, indexEntryOf(result, item.id, item.contentHash, this.#challengeVersion));
  }
}
