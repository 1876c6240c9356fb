// Turns what the user passed (folder, archive, git) into a checked folder to grade and says which root was used.
// Everything is checked before anything is copied, installed or run, so a rejected submission is never half-graded:
// every link of the tree is followed physically and must stay inside it, and inside the root that is graded.
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { cloneGit } from './clone-git.ts';
import { archiveTimeline, folderTimeline, gitTimeline, type SubmissionTimeline } from './submission-timeline.ts';
import { extractArchive } from './extract-archive.ts';
import { findSubmissionRoot } from './find-submission-root.ts';
import { assertLinkInside, inspectFolder } from './inspect-folder.ts';
import { defaultSubmissionLimits, type SubmissionLimits } from './submission-limits.ts';
import { printable, SubmissionRejected } from './submission-rejected.ts';
import type { SubmissionSource } from './submission-source.ts';

export interface ResolvedSubmission {
  /** Absolute path of the folder to grade. */
  dir: string;
  /** That folder relative to what was sent ('.' for the top). */
  root: string;
  /** For the report: form, commit, root, size. */
  detail: string;
  /** When the work was done, as the submission records it (the candidate's claim, never scored). */
  timeline?: SubmissionTimeline;
}

/** Materializes and checks a submission in `workDir` (archives and clones; a folder is read in place). */
export async function resolveSubmission(
  source: SubmissionSource,
  workDir: string,
  entry: string,
  limits: SubmissionLimits = defaultSubmissionLimits,
): Promise<ResolvedSubmission> {
  let top: string;
  let from: string;
  let timeline: SubmissionTimeline | undefined;
  if (source.form === 'folder') {
    top = source.path;
    from = 'folder';
  } else if (source.form === 'archive') {
    top = join(workDir, 'extracted');
    await mkdir(top, { recursive: true });
    timeline = archiveTimeline((await extractArchive(source.path, top, limits)).fileTimes);
    from = `archive ${basename(source.path)}`;
  } else {
    top = join(workDir, 'clone');
    const commit = await cloneGit(source.url, top, source.ref);
    from = `git ${source.ref ?? 'HEAD'} = ${commit.slice(0, 12)}`;
    timeline = await gitTimeline(top, commit);
  }
  const totals = await inspectFolder(top, limits);
  if (totals.entries === 0)
    throw new SubmissionRejected(
      'BCH_SUBMISSION_EMPTY',
      'the submission is empty. Send the folder that holds your package.json and source.',
    );
  const root = await findSubmissionRoot(top, entry);
  // Only the root is copied into the grade: its links must stay inside it, not merely inside what was sent.
  if (root !== '.')
    for (const link of totals.links.filter((l) => l.startsWith(`${root}/`)))
      await assertLinkInside(join(top, root), link.slice(root.length + 1), `the graded folder ${root}/`);
  if (source.form === 'folder') timeline = folderTimeline(top);
  return {
    ...(timeline ? { timeline } : {}),
    dir: join(top, root),
    root,
    detail: printable(`${from}, root ${root === '.' ? 'the top folder' : `${root}/`} (${totals.entries} entries)`),
  };
}
