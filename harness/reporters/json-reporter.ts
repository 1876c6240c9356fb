// Writes the JSON report when the run ends: one object for one submission, an array for several.
import { join } from 'node:path';
import { challengeVersion } from '../challenge-spec/challenge-version.ts';
import { challengesRoot } from '../challenge-spec/load-challenge.ts';
import type { GradeResult, RunResult } from '../grading/grade-result.ts';
import { gradeProvenance } from './grade-provenance.ts';
import { type JsonReportContext, toJsonReport } from './json-report.ts';
import type { Reporter, RunStartInfo } from '../grading/reporter.ts';
import { writeReportFile } from './write-report-file.ts';

export class JsonReporter implements Reporter {
  readonly file: string;
  #challengeVersion: string | undefined;
  readonly #provenance = new Map<GradeResult, JsonReportContext>();

  constructor(file: string) {
    this.file = file;
  }

  /** Notes the version of the challenge being graded. */
  onRunStart(info: RunStartInfo): void {
    this.#challengeVersion = challengeVersion(join(challengesRoot, info.challenge.id));
  }

  /** Notes when the grade started, which harness graded it and on what machine. */
  onGradeEnd(result: GradeResult): void {
    this.#provenance.set(result, gradeProvenance(result, this.#challengeVersion));
  }

  /** Writes the run's grades to the file as results.json-shaped JSON. */
  async onRunEnd(run: RunResult): Promise<void> {
    const reports = run.grades.map((grade) =>
      toJsonReport(grade, this.#provenance.get(grade) ?? { challengeVersion: this.#challengeVersion }),
    );
    const body = reports.length === 1 ? reports[0] : reports;
    await writeReportFile(this.file, `${JSON.stringify(body, null, 2)}\n`);
  }
}
