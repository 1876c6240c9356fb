// What a submission may hold, checked before anything of it is written or run. Source code is small: the
// limits leave ample room for it and stop archive bombs and accidental uploads (node_modules, data dumps).
import { isAbsolute, posix } from 'node:path';
import { SubmissionRejected } from './submission-rejected.ts';

export interface SubmissionLimits {
  /** Total size of all files, uncompressed. */
  maxBytes: number;
  /** Files, folders and links. */
  maxEntries: number;
  /** Uncompressed size / archive size, checked once the content exceeds `ratioFloorBytes`. */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
}

export const defaultSubmissionLimits: Readonly<SubmissionLimits> = Object.freeze({
  maxBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxCompressionRatio: 100,
  ratioFloorBytes: 10 * 1024 * 1024,
});

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/** Tracks the running totals of an archive or folder and rejects it as soon as a limit is crossed. */
export class LimitCounter {
  entries = 0;
  bytes = 0;
  readonly limits: SubmissionLimits;
  readonly packedBytes: number | undefined;
  constructor(limits: SubmissionLimits, packedBytes?: number) {
    this.limits = limits;
    this.packedBytes = packedBytes;
  }

  /** Counts one entry of `size` bytes; throws SubmissionRejected when a limit is exceeded. */
  add(name: string, size: number): void {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      throw new SubmissionRejected(
        'BCH_SUBMISSION_TOO_MANY_FILES',
        `the submission holds more than ${this.limits.maxEntries} files and folders (limit). Send only your source: leave out node_modules, build output and data.`,
      );
    }
    this.grow(name, size);
  }

  /** Counts `size` more bytes of the entry `name` (as they are written); throws SubmissionRejected when a limit is exceeded. */
  grow(name: string, size: number): void {
    this.bytes += size;
    if (this.bytes > this.limits.maxBytes) {
      throw new SubmissionRejected(
        'BCH_SUBMISSION_TOO_LARGE',
        `the submission is larger than ${mib(this.limits.maxBytes)} uncompressed (limit; reached at ${name}). Send only your source: leave out node_modules, build output and data.`,
      );
    }
    const ratio = this.packedBytes ? this.bytes / this.packedBytes : 0;
    if (this.bytes > this.limits.ratioFloorBytes && ratio > this.limits.maxCompressionRatio)
      throw tooCompressed(this.limits, this.bytes, this.packedBytes!);
  }
}

/** The rejection of an archive that expands more than the limit allows, as an archive bomb does; `packedBytes` is what was read of it. */
export const tooCompressed = (limits: SubmissionLimits, bytes: number, packedBytes: number, ofWhole = true): SubmissionRejected =>
  new SubmissionRejected(
    'BCH_SUBMISSION_COMPRESSION_RATIO',
    `the archive expands more than ${limits.maxCompressionRatio} times its size (${mib(bytes)} from ${ofWhole ? '' : 'its first '}${mib(packedBytes)}, limit), as an archive bomb does. Send an ordinary archive of your source.`,
  );

/** The longest name of one file or folder (bytes), as Linux file systems allow. */
export const maxNameBytes = 255;
/** The longest relative path (bytes): ample for source, and far below PATH_MAX once under a grade's folder. */
export const maxPathBytes = 1024;

/** The normalized relative path of an archive entry; rejects absolute paths and `..` segments. */
export function safeEntryPath(raw: string): string {
  const name = raw.replaceAll('\\', '/');
  if (name.includes('\0'))
    throw new SubmissionRejected(
      'BCH_SUBMISSION_BAD_NAME',
      `an entry name holds a NUL character (${JSON.stringify(raw)}). Re-create the archive with ordinary file names.`,
    );
  if (posix.isAbsolute(name) || isAbsolute(name) || /^[a-zA-Z]:/.test(name)) {
    throw new SubmissionRejected(
      'BCH_SUBMISSION_ABSOLUTE_PATH',
      `the archive entry "${raw}" has an absolute path. Archive your folder with relative paths (e.g. \`tar -czf submission.tgz -C my-solution .\`).`,
    );
  }
  if (name.split('/').includes('..')) {
    throw new SubmissionRejected(
      'BCH_SUBMISSION_PATH_TRAVERSAL',
      `the archive entry "${raw}" points outside the archive (\`..\`). Archive your folder with paths inside it.`,
    );
  }
  const path = posix
    .normalize(name)
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
  const long = path.split('/').find((part) => Buffer.byteLength(part) > maxNameBytes);
  if (long !== undefined || Buffer.byteLength(path) > maxPathBytes) {
    const shown = `${path.slice(0, 60)}…`;
    throw new SubmissionRejected(
      'BCH_SUBMISSION_NAME_TOO_LONG',
      long === undefined
        ? `the archive entry "${shown}" has a path of ${Buffer.byteLength(path)} bytes (limit ${maxPathBytes}). Shorten its folders' names.`
        : `the archive entry "${shown}" has a name of ${Buffer.byteLength(long)} bytes (limit ${maxNameBytes}, as file systems allow). Rename it.`,
    );
  }
  return path;
}

/** Rejects a symbolic link whose target is absolute or leads outside the submission. `entry` is the link's own relative path. */
export function assertSafeSymlink(entry: string, target: string): void {
  const where = target.replaceAll('\\', '/');
  if (posix.isAbsolute(where) || /^[a-zA-Z]:/.test(where)) {
    throw new SubmissionRejected(
      'BCH_SUBMISSION_SYMLINK_ABSOLUTE',
      `the symbolic link "${entry}" points to the absolute path "${target}". Replace it with the file itself, or a relative link inside the submission.`,
    );
  }
  const resolved = posix.normalize(posix.join(posix.dirname(entry), where));
  if (resolved === '..' || resolved.startsWith('../')) {
    throw new SubmissionRejected(
      'BCH_SUBMISSION_SYMLINK_ESCAPES',
      `the symbolic link "${entry}" points outside the submission ("${target}"). Replace it with the file itself, or a relative link inside the submission.`,
    );
  }
}

/** Rejects device files, FIFOs and sockets, which no source tree needs. */
export function rejectSpecialFile(entry: string, kind: string): never {
  throw new SubmissionRejected(
    'BCH_SUBMISSION_SPECIAL_FILE',
    `"${entry}" is a ${kind}, not a file, folder or link. Remove it from the submission.`,
  );
}
