// Unpacks a .zip submission with yauzl (a well-kept reader that checks declared against actual sizes), after a
// first pass over its central directory that rejects anything unsafe: nothing is written before every entry passed.
import { createWriteStream } from 'node:fs';
import { mkdir, stat, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { assertSafeSymlink, LimitCounter, rejectSpecialFile, safeEntryPath, type SubmissionLimits } from './submission-limits.ts';
import { SubmissionRejected } from './submission-rejected.ts';

const openZip = promisify<string, yauzl.Options, ZipFile>(yauzl.open);
const special: Record<number, string> = {
  0o020000: 'character device',
  0o060000: 'block device',
  0o010000: 'FIFO (named pipe)',
  0o140000: 'socket',
};

interface Planned {
  path: string;
  entry: Entry;
  kind: 'file' | 'dir' | 'symlink';
  mode: number;
  target?: string;
}

/** Checks every entry of a zip archive, then extracts it into `dest` (an empty folder). */
export async function extractZip(file: string, dest: string, limits: SubmissionLimits): Promise<{ entries: number; bytes: number }> {
  let zip: ZipFile;
  try {
    zip = await openZip(file, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch (error) {
    throw corrupt((error as Error).message);
  }
  try {
    const counter = new LimitCounter(limits, (await stat(file)).size);
    const planned: Planned[] = [];
    for await (const entry of entriesOf(zip)) planned.push(await plan(zip, entry, counter));
    if (!planned.some((p) => p.kind === 'file'))
      throw new SubmissionRejected(
        'BCH_SUBMISSION_EMPTY',
        'the archive holds no files. Archive the folder that holds your package.json and source.',
      );
    for (const item of planned) {
      const target = join(dest, item.path);
      if (item.kind === 'dir') await mkdir(target, { recursive: true });
      else if (item.kind === 'symlink') await mkdir(dirname(target), { recursive: true }).then(() => symlink(item.target!, target));
      else {
        await mkdir(dirname(target), { recursive: true });
        const input = await promisify(zip.openReadStream.bind(zip))(item.entry);
        await pipeline(input, createWriteStream(target, { mode: item.mode & 0o111 ? 0o755 : 0o644 })).catch((error: Error) => {
          throw corrupt(error.message);
        });
      }
    }
    return { entries: counter.entries, bytes: counter.bytes };
  } finally {
    zip.close();
  }
}

/** Classifies one central-directory entry and applies the rules: path, type, link target, encryption, limits. */
async function plan(zip: ZipFile, entry: Entry, counter: LimitCounter): Promise<Planned> {
  const rawName = Buffer.isBuffer(entry.fileName) ? (entry.fileName as unknown as Buffer).toString('utf8') : entry.fileName;
  const path = safeEntryPath(rawName);
  if (entry.generalPurposeBitFlag & 0x1)
    throw new SubmissionRejected('BCH_SUBMISSION_ENCRYPTED', `"${path}" is encrypted. Send an archive without a password.`);
  const mode = (entry.externalFileAttributes >>> 16) & 0xffff;
  const type = mode & 0o170000;
  if (special[type]) rejectSpecialFile(path, special[type]);
  if (rawName.endsWith('/') || type === 0o040000) {
    counter.add(path, 0);
    return { path, entry, kind: 'dir', mode };
  }
  if (type === 0o120000) {
    if (entry.uncompressedSize > 4096)
      throw new SubmissionRejected(
        'BCH_SUBMISSION_SYMLINK_ESCAPES',
        `the symbolic link "${path}" has a ${entry.uncompressedSize}-byte target. Replace it with the file itself.`,
      );
    const target = (await readAll(zip, entry)).toString('utf8');
    assertSafeSymlink(path, target);
    counter.add(path, 0);
    return { path, entry, kind: 'symlink', mode, target };
  }
  counter.add(path, entry.uncompressedSize);
  return { path, entry, kind: 'file', mode };
}

/** The zip's entries in order, one at a time (lazyEntries). */
async function* entriesOf(zip: ZipFile): AsyncGenerator<Entry> {
  while (true) {
    const next = await new Promise<Entry | undefined>((resolve, reject) => {
      const onEntry = (entry: Entry) => {
        cleanup();
        resolve(entry);
      };
      const onEnd = () => {
        cleanup();
        resolve(undefined);
      };
      const onError = (error: Error) => {
        cleanup();
        reject(corrupt(error.message));
      };
      const cleanup = () => {
        zip.off('entry', onEntry);
        zip.off('end', onEnd);
        zip.off('error', onError);
      };
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    });
    if (!next) return;
    yield next;
  }
}

/** The whole (small) content of one entry. */
async function readAll(zip: ZipFile, entry: Entry): Promise<Buffer> {
  const stream = await promisify(zip.openReadStream.bind(zip))(entry).catch((error: Error) => {
    throw corrupt(error.message);
  });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const corrupt = (reason: string) =>
  new SubmissionRejected(
    'BCH_SUBMISSION_CORRUPT_ARCHIVE',
    `the archive is corrupt or not a zip archive (${reason}). Re-create it (e.g. \`cd my-solution && zip -r ../submission.zip .\`) and check that it opens.`,
  );
