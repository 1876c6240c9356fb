// Unpacks a .tar / .tar.gz / .tgz submission. node-tar (npm's own tar library) only parses; bch writes. A first
// pass checks every header (entry-rules.ts) and writes nothing; the second checks them again and writes them
// (tree-writer.ts: links last, bytes counted). Both passes stream with running counts of the bytes unpacked and
// of the compression ratio, stop feeding the parser at the end-of-archive marker (node-tar would keep buffering
// what follows, at a cost that grows with its square), and turn every error of the parser into this archive's
// rejection: nothing of a hostile archive reaches the process as an uncaught error.
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { EntryRules, type EntryKind } from './entry-rules.ts';
import { FileTimes, type FileTimeRange } from './file-time-range.ts';
import { rejectSpecialFile, safeEntryPath, tooCompressed, type SubmissionLimits } from './submission-limits.ts';
import { SubmissionRejected } from './submission-rejected.ts';
import { TreeWriter } from './tree-writer.ts';

const regular = new Set(['File', 'OldFile', 'ContiguousFile']);
const special: Record<string, string> = { CharacterDevice: 'character device', BlockDevice: 'block device', FIFO: 'FIFO (named pipe)' };

/** Checks every entry of a tar archive, then extracts it into `dest` (an empty folder). */
export async function extractTar(
  file: string,
  dest: string,
  limits: SubmissionLimits,
): Promise<{ entries: number; bytes: number; fileTimes?: FileTimeRange }> {
  const packed = (await stat(file)).size;
  const checked = new EntryRules(limits, packed);
  const times = new FileTimes();
  await readTar(file, limits, (entry) => {
    const { kind } = acceptEntry(entry, checked);
    if (kind === 'file') times.add(entry.mtime);
    entry.resume();
  });
  if (checked.counter.entries === 0) throw empty();
  const rules = new EntryRules(limits, packed);
  const writer = new TreeWriter(dest, limits, packed, corrupt);
  await readTar(file, limits, async (entry) => {
    const { path, kind } = acceptEntry(entry, rules);
    if (kind === 'file') return writer.file(path, entry.mode ?? 0o644, entry as unknown as Readable);
    entry.resume();
    if (kind === 'dir') await writer.dir(path);
    else writer.link(path, entry.linkpath!);
  });
  const fileTimes = times.range();
  return { ...(await writer.finish()), ...(fileTimes ? { fileTimes } : {}) };
}

/** Applies the entry rules to one header: type, then path, link target and limits. */
function acceptEntry(entry: ReadEntry, rules: EntryRules): { path: string; kind: EntryKind } {
  const path = safeEntryPath(entry.path);
  if (special[entry.type]) rejectSpecialFile(path, special[entry.type]);
  if (entry.type === 'Link')
    throw new SubmissionRejected(
      'BCH_SUBMISSION_HARD_LINK',
      `"${path}" is a hard link. Re-create the archive without hard links (copy the file instead).`,
    );
  const kind: EntryKind | undefined = regular.has(entry.type)
    ? 'file'
    : entry.type === 'Directory'
      ? 'dir'
      : entry.type === 'SymbolicLink'
        ? 'symlink'
        : undefined;
  if (!kind)
    throw new SubmissionRejected(
      'BCH_SUBMISSION_SPECIAL_FILE',
      `"${path}" is a tar entry of type ${entry.type}, not a file, folder or link. Re-create the archive with plain files.`,
    );
  return { path: rules.accept(path, kind, entry.size ?? 0, entry.linkpath), kind };
}

/**
 * Streams the (possibly gzipped) archive through a node-tar parser and hands each entry to `onEntry`, one at a
 * time; rethrows the first problem (a rejection of `onEntry`, the limits, or the parser's) once the stream stopped.
 */
async function readTar(file: string, limits: SubmissionLimits, onEntry: (entry: ReadEntry) => void | Promise<void>): Promise<void> {
  const parser = new Parser({ strict: true });
  let failure: unknown;
  let stop = () => {};
  /** Settles once something failed: whatever waits for the parser stops waiting. */
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const fail = (error: unknown) => {
    failure ??= error;
    stop();
  };
  // Entries are handled one after another; `current` is the one being handled, ended early if the reading stops.
  let handled = Promise.resolve();
  let current: ReadEntry | undefined;
  parser.on('entry', (entry: ReadEntry) => {
    entry.on('error', (error: unknown) => fail(corrupt((error as Error).message)));
    handled = handled
      .then(() => {
        current = entry;
        return failure ? undefined : onEntry(entry);
      })
      .catch(fail)
      .finally(() => {
        current = undefined;
        if (failure) entry.resume();
      });
  });
  parser.on('error', (error: Error) => fail(corrupt(error.message)));
  parser.on('warn', (code: string, message: string | Error) =>
    fail(corrupt(`${code}: ${message instanceof Error ? message.message : message}`)),
  );
  let atEnd = false;
  parser.on('eof', () => {
    atEnd = true;
  });
  const parsed = new Promise<void>((resolve) => parser.once('end', resolve));
  const source = createReadStream(file);
  const gzipped = (await readHead(file)).subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]));
  const stream: Readable = gzipped ? source.pipe(createGunzip()) : source;
  if (gzipped) source.on('error', (error) => stream.destroy(error));
  // Tar's own bytes (a header and padding per entry, the end marker) beside the content the limits count.
  const framing = limits.maxEntries * 1024 + 1024 * 1024;
  const maxUnpacked = limits.maxBytes + framing;
  let unpacked = 0;
  let allZero = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      unpacked += chunk.length;
      if (unpacked > maxUnpacked)
        throw new SubmissionRejected(
          'BCH_SUBMISSION_TOO_LARGE',
          `the archive expands to more than ${Math.round(maxUnpacked / 1024 / 1024)} MiB (limit). Send only your source: leave out node_modules, build output and data.`,
        );
      if (gzipped && unpacked > limits.ratioFloorBytes + framing && unpacked / source.bytesRead > limits.maxCompressionRatio)
        throw tooCompressed(limits, unpacked, source.bytesRead, false);
      if (failure) break;
      // What follows the end-of-archive marker is counted against the limits, never parsed.
      if (atEnd) continue;
      allZero &&= chunk.every((byte) => byte === 0);
      if (!parser.write(chunk)) await Promise.race([once(parser, 'drain'), stopped]);
    }
    if (!failure) {
      parser.end();
      await Promise.race([parsed, stopped]);
    }
  } catch (error) {
    fail(error instanceof SubmissionRejected ? error : corrupt((error as Error).message));
  } finally {
    source.destroy();
    stream.destroy();
  }
  // An entry still waiting for bytes that will not come ends with an error, so its handler returns.
  if (failure) current?.destroy(new Error('the archive was not read further'));
  await handled;
  if (failure === undefined) return;
  // A tar of nothing is only its end-of-archive zero blocks, which node-tar calls an unrecognized format.
  if (allZero && (failure as SubmissionRejected).code === 'BCH_SUBMISSION_CORRUPT_ARCHIVE') throw empty();
  throw failure;
}

/** The first bytes of a file, to tell gzip from plain tar. */
async function readHead(file: string): Promise<Buffer> {
  for await (const chunk of createReadStream(file, { start: 0, end: 3 })) return chunk as Buffer;
  return Buffer.alloc(0);
}

const empty = () =>
  new SubmissionRejected('BCH_SUBMISSION_EMPTY', 'the archive holds no files. Archive the folder that holds your package.json and source.');

const corrupt = (reason: string) =>
  new SubmissionRejected(
    'BCH_SUBMISSION_CORRUPT_ARCHIVE',
    `the archive is corrupt or not a tar archive (${reason}). Re-create it (e.g. \`tar -czf submission.tgz -C my-solution .\`) and check that it opens.`,
  );
