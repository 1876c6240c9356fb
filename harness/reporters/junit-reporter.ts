// Writes the JUnit XML report when the run ends.
import type { RunResult } from '../grading/grade-result.ts';
import { toJunitReport } from './junit-report.ts';
import type { Reporter } from '../grading/reporter.ts';
import { writeReportFile } from './write-report-file.ts';

export class JunitReporter implements Reporter {
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  /** Writes the run as JUnit XML to the file. */
  async onRunEnd(run: RunResult): Promise<void> {
    await writeReportFile(this.file, toJunitReport(run));
  }
}
