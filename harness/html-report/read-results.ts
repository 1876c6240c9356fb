// Reads the JSON results named on the command line into typed grades: results files, folders of *.json files, and
// batch folders (written by `bch grade --out` or `bch results merge`: an index.json and a folder per submission).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { z } from 'zod';
import { gradeResultsSchema, type GradeResults } from '../reporters/json-report-schema.ts';

/** Every grade in the given files and folders, in the order given (a folder's files by name). */
export function readResults(paths: readonly string[]): GradeResults[] {
  const grades = paths
    .flatMap((path) => filesOf(path))
    .flatMap(({ file, id }) =>
      readResultsFile(file).map((grade) => (id && !grade.submission_id ? { ...grade, submission_id: id } : grade)),
    );
  if (grades.length === 0)
    throw new UsageError(
      'BCH_REPORT_NO_RESULTS',
      `No results found in ${paths.join(', ')}: pass the file written by \`bch grade --json <file>\`, or a folder of such files.`,
    );
  return grades;
}

/** The file itself; a batch folder's results, in its index's order, with their ids; or a folder's *.json files
 * sorted by name. */
function filesOf(path: string): Array<{ file: string; id?: string }> {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(
      'BCH_REPORT_NOT_FOUND',
      `${path} does not exist: pass a results file written by \`bch grade --json <file>\`, or a folder of them.`,
    );
  }
  if (!stat.isDirectory()) return [{ file: path }];
  const batch = batchResults(path);
  if (batch) return batch;
  return readdirSync(path)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: join(path, name) }));
}

/** The grades of one file; a file that is not JSON results is a usage error naming the file and the problem. */
function readResultsFile(file: string): GradeResults[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      'BCH_REPORT_BAD_RESULTS',
      `${file} is not JSON (${(error as Error).message}): pass a file written by \`bch grade --json <file>\`.`,
    );
  }
  const parsed = (Array.isArray(raw) ? z.array(gradeResultsSchema) : gradeResultsSchema.transform((grade) => [grade])).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new UsageError(
      'BCH_REPORT_BAD_RESULTS',
      `${file} is not bch results (version 3): ${problems.join('; ')}. Write it with \`bch grade --json <file>\`.`,
    );
  }
  return parsed.data;
}

/** The results files of a batch folder with their submissions' ids (its index.json lists them), or undefined for
 * another folder. */
function batchResults(dir: string): Array<{ file: string; id: string }> | undefined {
  const indexFile = join(dir, 'index.json');
  if (!existsSync(indexFile)) return undefined;
  let index: unknown;
  try {
    index = JSON.parse(readFileSync(indexFile, 'utf8'));
  } catch (error) {
    throw new UsageError('BCH_REPORT_BAD_RESULTS', `${indexFile} is not JSON (${(error as Error).message}): is ${dir} a batch folder?`);
  }
  const entries = z.object({ entries: z.array(z.object({ id: z.string() })) }).safeParse(index);
  if (!entries.success)
    throw new UsageError('BCH_REPORT_BAD_RESULTS', `${indexFile} is not a batch index: pass a folder written by \`bch grade --out\`.`);
  const files = entries.data.entries.map((entry) => ({ file: join(dir, entry.id, 'results.json'), id: entry.id }));
  const missing = files.map(({ file }) => file).filter((file) => !existsSync(file));
  if (missing.length > 0)
    throw new UsageError(
      'BCH_REPORT_BAD_RESULTS',
      `${dir} is a batch folder, but ${missing.length} of its submissions have no results.json (${missing.slice(0, 3).join(', ')}): grade them again with \`bch grade --out ${dir}\`.`,
    );
  return files;
}
