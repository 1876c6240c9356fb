// Writes an archive's checked entries into an empty folder: folders and files as they come, every link only at
// the end, as the text it holds, so no write ever goes through a link of the archive. Each file's bytes are
// counted as they are written (the limits hold for what is written, not only for what the headers declare), and a
// file system refusal caused by the archive (a name too long, a path both file and folder) is the archive's rejection.
import { createWriteStream } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LimitCounter, type SubmissionLimits } from './submission-limits.ts';
import { SubmissionRejected } from './submission-rejected.ts';

/** File system errors that the entries' names or layout cause, with the rejection each one is. */
const causedByEntries: Record<string, { code: string; what: string }> = {
  ENAMETOOLONG: { code: 'BCH_SUBMISSION_NAME_TOO_LONG', what: 'its name is too long for the file system' },
  EEXIST: { code: 'BCH_SUBMISSION_DUPLICATE_ENTRY', what: 'another entry already has its path, or a folder of it' },
  ENOTDIR: { code: 'BCH_SUBMISSION_DUPLICATE_ENTRY', what: 'a folder of its path is a file' },
  EISDIR: { code: 'BCH_SUBMISSION_DUPLICATE_ENTRY', what: 'its path is a folder' },
  EILSEQ: { code: 'BCH_SUBMISSION_BAD_NAME', what: 'the file system refuses its name' },
  EINVAL: { code: 'BCH_SUBMISSION_BAD_NAME', what: 'the file system refuses its name' },
};

export class TreeWriter {
  readonly #dest: string;
  readonly #written: LimitCounter;
  readonly #corrupt: (reason: string) => SubmissionRejected;
  readonly #links: { path: string; target: string }[] = [];

  /** `corrupt` makes the rejection for an entry whose content cannot be read (a broken or lying archive). */
  constructor(dest: string, limits: SubmissionLimits, packedBytes: number, corrupt: (reason: string) => SubmissionRejected) {
    this.#dest = dest;
    this.#written = new LimitCounter(limits, packedBytes);
    this.#corrupt = corrupt;
  }

  /** Creates a folder (and the folders above it). */
  async dir(path: string): Promise<void> {
    this.#written.add(path, 0);
    await mkdir(join(this.#dest, path), { recursive: true }).catch((error) => {
      throw this.#rejection(path, error);
    });
  }

  /** Writes a new file from `content`, counting its bytes; executable when `mode` has an execute bit. */
  async file(path: string, mode: number, content: Readable): Promise<void> {
    this.#written.add(path, 0);
    const target = join(this.#dest, path);
    const counter = this.#written;
    const counting = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        try {
          counter.grow(path, chunk.length);
          done(null, chunk);
        } catch (error) {
          done(error as Error);
        }
      },
    });
    try {
      await mkdir(dirname(target), { recursive: true });
      await pipeline(content, counting, createWriteStream(target, { flags: 'wx', mode: mode & 0o111 ? 0o755 : 0o644 }));
    } catch (error) {
      throw this.#rejection(path, error);
    }
  }

  /** Notes a link, made by finish() once every file is written. */
  link(path: string, target: string): void {
    this.#written.add(path, 0);
    this.#links.push({ path, target });
  }

  /** Makes the links, as the text they hold (never resolved or rewritten). */
  async finish(): Promise<{ entries: number; bytes: number }> {
    for (const { path, target } of this.#links) {
      const at = join(this.#dest, path);
      await mkdir(dirname(at), { recursive: true })
        .then(() => symlink(target, at))
        .catch((error) => {
          throw this.#rejection(path, error);
        });
    }
    return { entries: this.#written.entries, bytes: this.#written.bytes };
  }

  /** A rejection for what the entry caused; any other file system error (a full disk) is the environment's and stays as it is. */
  #rejection(path: string, error: unknown): unknown {
    if (error instanceof SubmissionRejected) return error;
    const code = (error as NodeJS.ErrnoException).code;
    const caused = code ? causedByEntries[code] : undefined;
    if (caused)
      return new SubmissionRejected(
        caused.code,
        `the archive entry "${path}" cannot be written: ${caused.what} (${code}). Re-create the archive from your folder.`,
      );
    if ((error as NodeJS.ErrnoException).syscall) return error;
    return this.#corrupt((error as Error).message);
  }
}
