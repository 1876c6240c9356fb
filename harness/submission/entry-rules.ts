// The rules every archive entry passes, in archive order, before anything of it is written: a safe name, no
// entry under a link of the archive (written through the link, it would land wherever the link leads), no path
// twice, a link target that is relative and inside by its text, and the running limits.
import { posix } from 'node:path';
import { assertSafeSymlink, LimitCounter, safeEntryPath, type SubmissionLimits } from './submission-limits.ts';
import { SubmissionRejected } from './submission-rejected.ts';

export type EntryKind = 'file' | 'dir' | 'symlink';

export class EntryRules {
  readonly counter: LimitCounter;
  /** Every path seen so far, with its kind; the folders an entry's path implies count as folders. */
  readonly #kinds = new Map<string, EntryKind>();

  constructor(limits: SubmissionLimits, packedBytes?: number) {
    this.counter = new LimitCounter(limits, packedBytes);
  }

  /** Checks one entry; returns its normalized path ('' for the archive's top folder). Throws SubmissionRejected. */
  accept(raw: string, kind: EntryKind, size: number, target?: string): string {
    const path = safeEntryPath(raw);
    if (path === '' && kind !== 'dir') throw new SubmissionRejected('BCH_SUBMISSION_BAD_NAME', `an archive ${kind} has no name.`);
    const parts = path === '' ? [] : path.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const above = parts.slice(0, depth).join('/');
      const aboveKind = this.#kinds.get(above);
      if (aboveKind === 'symlink')
        throw new SubmissionRejected(
          'BCH_SUBMISSION_PATH_THROUGH_LINK',
          `the archive entry "${path}" lies under the symbolic link "${above}": written through the link, it would land wherever the link leads. Archive your folder as it is on disk (a link, or files under a folder, not both).`,
        );
      if (aboveKind === 'file') throw duplicate(above);
      this.#kinds.set(above, 'dir');
    }
    const before = this.#kinds.get(path);
    if (before !== undefined && (before !== 'dir' || kind !== 'dir')) throw duplicate(path);
    this.#kinds.set(path, kind);
    if (kind === 'symlink') assertSafeSymlink(path, target ?? '');
    this.counter.add(path || posix.sep, kind === 'file' ? size : 0);
    return path;
  }
}

const duplicate = (path: string) =>
  new SubmissionRejected(
    'BCH_SUBMISSION_DUPLICATE_ENTRY',
    `the archive holds "${path}" more than once (as a file, a folder or a link). Re-create the archive from your folder.`,
  );
