// Unpacks a .zip submission with yauzl (a well-kept reader that checks declared against actual sizes). A first
// pass over its central directory checks every entry (entry-rules.ts) and writes nothing; then the entries are
// written in order (tree-writer.ts: links last, the bytes actually inflated counted against the limits). Every
// error of yauzl becomes this archive's rejection: nothing of a hostile archive reaches the process uncaught.
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { FileTimes, type FileTimeRange } from './file-time-range.ts';
import { EntryRules, type EntryKind } from './entry-rules.ts';
import { rejectSpecialFile, safeEntryPath, type SubmissionLimits } from './submission-limits.ts';
import { SubmissionRejected } from './submission-rejected.ts';
import { TreeWriter } from './tree-writer.ts';

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
  kind: EntryKind;
  mode: number;
  target?: string;
}

/** Checks every entry of a zip archive, then extracts it into `dest` (an empty folder). */
export async function extractZip(
  file: string,
  dest: string,
  limits: SubmissionLimits,
): Promise<{ entries: number; bytes: number; fileTimes?: FileTimeRange }> {
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
  // yauzl reports some problems as 'error' events of the zip file; between reads nothing else listens for them.
  let late: Error | undefined;
  zip.on('error', (error: Error) => {
    late ??= error;
  });
  try {
    const packed = (await stat(file)).size;
    const rules = new EntryRules(limits, packed);
    const planned: Planned[] = [];
    for await (const entry of entriesOf(zip)) planned.push(await plan(zip, entry, rules));
    if (!planned.some((p) => p.kind === 'file'))
      throw new SubmissionRejected(
        'BCH_SUBMISSION_EMPTY',
        'the archive holds no files. Archive the folder that holds your package.json and source.',
      );
    const writer = new TreeWriter(dest, limits, packed, corrupt);
    for (const item of planned) {
      if (item.kind === 'dir') await writer.dir(item.path);
      else if (item.kind === 'symlink') writer.link(item.path, item.target!);
      else await writer.file(item.path, item.mode, await readStream(zip, item.entry));
    }
    const written = await writer.finish();
    if (late) throw corrupt(late.message);
    const times = new FileTimes();
    for (const item of planned) if (item.kind === 'file') times.add(item.entry.getLastModDate());
    const fileTimes = times.range();
    return { ...written, ...(fileTimes ? { fileTimes } : {}) };
  } finally {
    zip.close();
  }
}

/** Classifies one central-directory entry and applies the rules: path, type, link target, encryption, limits. */
async function plan(zip: ZipFile, entry: Entry, rules: EntryRules): Promise<Planned> {
  const rawName = Buffer.isBuffer(entry.fileName) ? (entry.fileName as unknown as Buffer).toString('utf8') : entry.fileName;
  const path = safeEntryPath(rawName);
  if (entry.generalPurposeBitFlag & 0x1)
    throw new SubmissionRejected('BCH_SUBMISSION_ENCRYPTED', `"${path}" is encrypted. Send an archive without a password.`);
  const mode = (entry.externalFileAttributes >>> 16) & 0xffff;
  const type = mode & 0o170000;
  if (special[type]) rejectSpecialFile(path, special[type]);
  if (rawName.endsWith('/') || type === 0o040000) return { path: rules.accept(path, 'dir', 0), entry, kind: 'dir', mode };
  if (type === 0o120000) {
    if (entry.uncompressedSize > 4096)
      throw new SubmissionRejected(
        'BCH_SUBMISSION_SYMLINK_ESCAPES',
        `the symbolic link "${path}" has a ${entry.uncompressedSize}-byte target. Replace it with the file itself.`,
      );
    const target = (await readAll(zip, entry)).toString('utf8');
    return { path: rules.accept(path, 'symlink', 0, target), entry, kind: 'symlink', mode, target };
  }
  return { path: rules.accept(path, 'file', entry.uncompressedSize), entry, kind: 'file', mode };
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

/** A stream of one entry's inflated bytes (yauzl checks them against the declared size as they come). */
async function readStream(zip: ZipFile, entry: Entry) {
  const stream = await promisify(zip.openReadStream.bind(zip))(entry).catch((error: Error) => {
    throw corrupt(error.message);
  });
  // Its size check errors again on every chunk that still arrives once the reader stopped listening; whoever reads
  // the stream gets the first error, and the later ones must not become the process's uncaught exception.
  stream.on('error', () => {});
  return stream;
}

/** The whole (small) content of one entry. */
async function readAll(zip: ZipFile, entry: Entry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of await readStream(zip, entry)) chunks.push(chunk as Buffer);
  } catch (error) {
    throw error instanceof SubmissionRejected ? error : corrupt((error as Error).message);
  }
  return Buffer.concat(chunks);
}

const corrupt = (reason: string) =>
  new SubmissionRejected(
    'BCH_SUBMISSION_CORRUPT_ARCHIVE',
    `the archive is corrupt or not a zip archive (${reason}). Re-create it (e.g. \`cd my-solution && zip -r ../submission.zip .\`) and check that it opens.`,
  );
