// When the work was done, as the submission records it: a git submission's first and last commit times and its
// number of commits (the repository's dates), or the earliest and latest times of an archive's or a folder's files.
// Either is the candidate's own record, which anyone can set: reports show it beside the grade and never score it.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileTimes, type FileTimeRange } from './file-time-range.ts';
import { runGit } from './run-git.ts';

export type SubmissionTimeline =
  | { source: 'git'; firstCommit: string; lastCommit: string; commits: number; moreCommits: boolean }
  | { source: 'archive' | 'folder'; earliestFile: string; latestFile: string };

const maxCommits = 10_000;
const maxFiles = 20_000;

/** The commit times of the history that leads to `commit` in the clone `dir`; undefined when git cannot say. */
export async function gitTimeline(dir: string, commit: string): Promise<SubmissionTimeline | undefined> {
  const log = await runGit(['-C', dir, 'log', '--format=%ct', '-n', String(maxCommits + 1), commit]);
  if (!log.ok) return undefined;
  const times = log.output
    .split('\n')
    .filter((line) => /^\d+$/.test(line.trim()))
    .map((line) => Number(line) * 1000);
  if (times.length === 0) return undefined;
  const counted = times.slice(0, maxCommits);
  return {
    source: 'git',
    firstCommit: new Date(Math.min(...counted)).toISOString(),
    lastCommit: new Date(Math.max(...counted)).toISOString(),
    commits: counted.length,
    moreCommits: times.length > maxCommits,
  };
}

/** An archive's file times, as its entries carried them. */
export function archiveTimeline(range: FileTimeRange | undefined): SubmissionTimeline | undefined {
  return range && { source: 'archive', earliestFile: range.earliest.toISOString(), latestFile: range.latest.toISOString() };
}

/** A folder's file times (its dependencies and .git left out, links not followed, at most 20,000 files). */
export function folderTimeline(dir: string): SubmissionTimeline | undefined {
  const times = new FileTimes();
  let seen = 0;
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      if (seen >= maxFiles || name === 'node_modules' || name === '.git') continue;
      const path = join(at, name);
      const stat = lstatSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) {
        seen += 1;
        times.add(stat.mtime);
      }
    }
  };
  walk(dir);
  const range = times.range();
  return range && { source: 'folder', earliestFile: range.earliest.toISOString(), latestFile: range.latest.toISOString() };
}
