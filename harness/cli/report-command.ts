// `bch report`: JSON results (files or folders) → one self-contained HTML report, for interviewers or candidates.
import { stat } from 'node:fs/promises';
import type { Audience } from '../report/audience.ts';
import { buildReport } from '../report/build-report.ts';
import { readResults } from '../report/read-results.ts';
import { writeReportFile } from '../reporters/write-report-file.ts';
import { exitCodes } from '../errors.ts';
import type { CliIo } from './main.ts';

export interface ReportFlags {
  html: string;
  audience: Audience;
}

/** Reads the results, writes the report, and says where it is and how big. */
export async function reportCommand(paths: string[], flags: ReportFlags, io: CliIo): Promise<number> {
  const started = Date.now();
  const grades = readResults(paths);
  await writeReportFile(flags.html, buildReport({ grades, audience: flags.audience }));
  const { size } = await stat(flags.html);
  io.out.write(`bch: wrote the ${flags.audience} report of ${grades.length} grade${grades.length === 1 ? '' : 's'} to ${flags.html} (${Math.ceil(size / 1024)} KB, ${Date.now() - started} ms)\n`);
  return exitCodes.graded;
}
