// `bch report`: JSON results (files or folders) → one self-contained HTML report, for interviewers or candidates.
import { stat } from 'node:fs/promises';
import type { Audience } from '../html-report/audience.ts';
import { buildReport } from '../html-report/build-report.ts';
import { readResults } from '../html-report/read-results.ts';
import { writeReportFile } from '../reporters/write-report-file.ts';
import { exitCodes, UsageError } from '../errors.ts';
import type { GradeResults } from '../reporters/json-report-schema.ts';
import type { CliIo } from './cli-io.ts';

export interface ReportFlags {
  html: string;
  audience: Audience;
  /** Keep only the grades of this submission (as graded, or its last path segments). */
  submission?: string;
}

/** Reads the results, writes the report, and says where it is and how big. */
export async function reportCommand(paths: string[], flags: ReportFlags, io: CliIo): Promise<number> {
  const started = Date.now();
  const grades = selectGrades(readResults(paths), flags);
  await writeReportFile(flags.html, buildReport({ grades, audience: flags.audience }));
  const { size } = await stat(flags.html);
  io.out.write(
    `bch: wrote the ${flags.audience} report of ${grades.length} grade${grades.length === 1 ? '' : 's'} to ${flags.html} (${Math.ceil(size / 1024)} KB, ${Date.now() - started} ms)\n`,
  );
  return exitCodes.graded;
}

/** The grades to report: those of --submission when given; a candidate copy must hold one candidate only. */
export function selectGrades(grades: GradeResults[], flags: Pick<ReportFlags, 'audience' | 'submission'>): GradeResults[] {
  const wanted = flags.submission?.replace(/\/+$/, '');
  const selected = wanted === undefined ? grades : grades.filter((g) => g.submission === wanted || g.submission.endsWith(`/${wanted}`));
  const names = [...new Set(selected.map((g) => g.submission))];
  if (names.length === 0)
    throw new UsageError(
      'BCH_REPORT_NO_SUCH_SUBMISSION',
      `No grade of submission "${wanted}" in the results; they hold: ${[...new Set(grades.map((g) => g.submission))].join(', ')}.`,
    );
  if (flags.audience === 'candidate' && names.length > 1) {
    throw new UsageError(
      'BCH_REPORT_SEVERAL_CANDIDATES',
      `A candidate copy must show one candidate, but these results hold ${names.length} submissions (${names.join(', ')}): pick one with --submission <path>.`,
    );
  }
  return selected;
}
