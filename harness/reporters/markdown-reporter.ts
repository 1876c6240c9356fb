// Writes the Markdown summary when the run ends: to a file if given, and appended to $GITHUB_STEP_SUMMARY when set.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunResult } from '../grading/grade-result.ts';
import { toMarkdownSummary } from './markdown-summary.ts';
import type { Reporter } from '../grading/reporter.ts';
import { writeReportFile } from './write-report-file.ts';

export interface MarkdownReporterOptions {
  /** A file to write the summary to (replaced each run). */
  file?: string;
  /** Where GITHUB_STEP_SUMMARY is read from; process.env unless a test injects one. */
  env?: NodeJS.ProcessEnv;
}

export class MarkdownReporter implements Reporter {
  readonly file: string | undefined;
  readonly stepSummary: string | undefined;

  constructor(options: MarkdownReporterOptions = {}) {
    this.file = options.file;
    this.stepSummary = (options.env ?? process.env).GITHUB_STEP_SUMMARY || undefined;
  }

  /** Writes every grade's summary to the file and appends it to the job summary, never overwriting other steps'. */
  async onRunEnd(run: RunResult): Promise<void> {
    const text = run.grades.map(toMarkdownSummary).join('\n');
    if (this.file) await writeReportFile(this.file, text);
    if (this.stepSummary) {
      await mkdir(dirname(this.stepSummary), { recursive: true });
      await appendFile(this.stepSummary, `${text}\n`, 'utf8');
    }
  }
}
