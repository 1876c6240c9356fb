// Writes the JSON report when the run ends: one object for one submission, an array for several.
import type { RunResult } from '../grading/grade-result.ts';
import { toJsonReport } from './json-report.ts';
import type { Reporter } from './reporter.ts';
import { writeReportFile } from './write-report-file.ts';

export class JsonReporter implements Reporter {
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  /** Writes the run's grades to the file as results.json-shaped JSON. */
  async onRunEnd(run: RunResult): Promise<void> {
    const reports = run.grades.map(toJsonReport);
    const body = reports.length === 1 ? reports[0] : reports;
    await writeReportFile(this.file, `${JSON.stringify(body, null, 2)}\n`);
  }
}
