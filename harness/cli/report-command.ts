// `bch report`: JSON results (files or folders) → one self-contained HTML report, for interviewers or candidates.
import { existsSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Audience } from '../html-report/audience.ts';
import { buildReport } from '../html-report/build-report.ts';
import { readMarks, readRubric } from '../html-report/reviewer-rubric.ts';
import { candidateName } from '../reporters/candidate-name.ts';
import { readResults } from '../html-report/read-results.ts';
import { writeReportFile } from '../reporters/write-report-file.ts';
import { readGradedSources } from '../similarity/graded-sources.ts';
import { similarityOfGrades } from '../similarity/similarity-of-grades.ts';
import { exitCodes, UsageError } from '../errors.ts';
import type { GradeResults } from '../reporters/json-report-schema.ts';
import type { CliIo } from './cli-io.ts';

export interface ReportFlags {
  html: string;
  audience: Audience;
  /** Keep only the grades of this submission (as graded, or its last path segments). */
  submission?: string;
  /** Compare the submissions with one another and with known solutions (interviewer copy; on unless --no-similarity). */
  similarity?: boolean;
  known?: string;
  similarityThreshold?: number;
  rubric?: string;
  marks?: string;
}

/** A share from 0 to 1, as --similarity-threshold takes it. */
export function parseShare(text: string): number {
  const share = Number(text);
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new UsageError('BCH_BAD_THRESHOLD', `--similarity-threshold takes a share from 0 to 1 (0.6 is 60 %), got "${text}".`);
  }
  return share;
}

/** Reads the results, writes the report, and says where it is and how big. */
export async function reportCommand(paths: string[], flags: ReportFlags, io: CliIo): Promise<number> {
  const started = Date.now();
  const grades = selectGrades(readResults(paths), flags);
  const file = htmlFilePath(flags.html);
  const sources = flags.audience === 'interviewer' ? await readGradedSources(grades) : undefined;
  const similarity =
    sources && flags.similarity !== false
      ? similarityOfGrades({
          grades,
          sources,
          ...(flags.known ? { knownDir: flags.known } : {}),
          ...(flags.similarityThreshold !== undefined ? { options: { threshold: flags.similarityThreshold } } : {}),
        })
      : undefined;
  await writeReportFile(
    file,
    buildReport({
      grades,
      audience: flags.audience,
      ...(similarity ? { similarity } : {}),
      ...(sources ? { sources } : {}),
      ...(flags.rubric ? { rubric: readRubric(flags.rubric) } : {}),
      ...(flags.marks ? { marks: readMarks(flags.marks) } : {}),
    }),
  );
  const { size } = await stat(file);
  io.out.write(
    `bch: wrote the ${flags.audience} report of ${grades.length} grade${grades.length === 1 ? '' : 's'} to ${file} (${Math.ceil(size / 1024)} KB, ${Date.now() - started} ms)\n`,
  );
  return exitCodes.graded;
}

/** Where the page goes: the path as given when it ends in .html or .htm, `report.html` inside a folder that exists,
 * else the path with `.html` added, so a browser opens it by its name. */
export function htmlFilePath(path: string): string {
  if (/\.html?$/i.test(path)) return path;
  if (existsSync(path) && statSync(path).isDirectory()) return join(path, 'report.html');
  return `${path}.html`;
}

/** The grades to report: those of --submission when given (its id in the batch, the name the report gives it, the
 * path as graded, or its last path segments); a candidate copy must hold one candidate only. */
export function selectGrades(grades: GradeResults[], flags: Pick<ReportFlags, 'audience' | 'submission'>): GradeResults[] {
  const wanted = flags.submission?.replace(/\/+$/, '');
  const selected =
    wanted === undefined
      ? grades
      : grades.filter(
          (g) =>
            g.submission_id === wanted || candidateName(g) === wanted || g.submission === wanted || g.submission.endsWith(`/${wanted}`),
        );
  const submissions = [...new Set(selected.map((g) => g.submission))];
  if (submissions.length === 0)
    throw new UsageError(
      'BCH_REPORT_NO_SUCH_SUBMISSION',
      `No grade of submission "${wanted}" in the results; they hold: ${[...new Set(grades.map(candidateName))].join(', ')}. Pass one of these to --submission.`,
    );
  if (flags.audience === 'candidate' && submissions.length > 1) {
    const names = [...new Set(selected.map(candidateName))];
    throw new UsageError(
      'BCH_REPORT_SEVERAL_CANDIDATES',
      `A candidate copy must show one candidate, but these results hold ${submissions.length} submissions (${names.join(', ')}): pick one with --submission <id>.`,
    );
  }
  return selected;
}
