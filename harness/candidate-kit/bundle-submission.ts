// `bch bundle`: the candidate's submission as one .tar.gz, made the way a grade receives it. node_modules, .git and
// other local clutter stay out; the file and byte counts are held to the limits a grade applies, so a bundle that
// would be rejected is refused here, with what made it too big.
import { lstatSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { create } from 'tar';
import { UsageError } from '../errors.ts';
import { defaultSubmissionLimits, LimitCounter } from '../submission/submission-limits.ts';
import { SubmissionRejected } from '../submission/submission-rejected.ts';

/** Folders and files a submission never needs: installed packages, version control, editor and OS clutter. */
const leftOut = new Set(['node_modules', '.git', '.DS_Store', '.tsx-cache', 'coverage', 'dist']);

export interface BundleResult {
  file: string;
  files: number;
  bytes: number;
}

/** Writes `folder` (its files, without what is left out) to the .tar.gz `file`. */
export async function bundleSubmission(folder: string, file: string): Promise<BundleResult> {
  let stat;
  try {
    stat = lstatSync(folder);
  } catch {
    throw new UsageError('BCH_BUNDLE_NO_FOLDER', `${folder} does not exist: give the folder of your solution (in a kit: app).`);
  }
  if (!stat.isDirectory()) throw new UsageError('BCH_BUNDLE_NO_FOLDER', `${folder} is not a folder: give the folder of your solution.`);
  const counter = new LimitCounter(defaultSubmissionLimits);
  const entries: string[] = [];
  let files = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (leftOut.has(entry.name)) continue;
      const path = join(dir, entry.name);
      const name = relative(folder, path).split(sep).join('/');
      try {
        counter.add(name, entry.isFile() ? lstatSync(path).size : 0);
      } catch (error) {
        if (error instanceof SubmissionRejected) throw new UsageError('BCH_BUNDLE_TOO_LARGE', `${folder}: ${error.message}`);
        throw error;
      }
      entries.push(name);
      if (entry.isFile()) files += 1;
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(folder);
  if (!entries.includes('package.json'))
    throw new UsageError('BCH_BUNDLE_NO_PACKAGE', `${folder} has no package.json: give the root folder of your solution (in a kit: app).`);
  await create({ gzip: true, file, cwd: folder, portable: true, noDirRecurse: true }, entries);
  return { file, files, bytes: counter.bytes };
}
