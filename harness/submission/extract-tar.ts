// Unpacks a .tar / .tar.gz / .tgz submission with node-tar (npm's own tar library), after a first pass over its
// headers that rejects anything unsafe: no byte is written before the whole archive has passed the checks.
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { Parser, Unpack, type ReadEntry } from 'tar';
import { assertSafeSymlink, LimitCounter, rejectSpecialFile, safeEntryPath, type SubmissionLimits } from './submission-limits.ts';
import { SubmissionRejected } from './submission-rejected.ts';

const regular = new Set(['File', 'OldFile', 'ContiguousFile']);
const special: Record<string, string> = { CharacterDevice: 'character device', BlockDevice: 'block device', FIFO: 'FIFO (named pipe)' };

/** Checks every entry of a tar archive, then extracts it into `dest` (an empty folder). */
export async function extractTar(file: string, dest: string, limits: SubmissionLimits): Promise<{ entries: number; bytes: number }> {
  const counter = new LimitCounter(limits, (await stat(file)).size);
  await feedTar(file, limits, new Parser({ strict: true }), (entry) => checkEntry(entry, counter));
  if (counter.entries === 0)
    throw new SubmissionRejected(
      'BCH_SUBMISSION_EMPTY',
      'the archive holds no files. Archive the folder that holds your package.json and source.',
    );
  await feedTar(file, limits, new Unpack({ cwd: dest, strict: true, preserveOwner: false }), (entry) => safeEntryPath(entry.path));
  return { entries: counter.entries, bytes: counter.bytes };
}

/** Applies the entry rules to one header: path, type, link target, limits. */
function checkEntry(entry: ReadEntry, counter: LimitCounter): void {
  const path = safeEntryPath(entry.path);
  if (special[entry.type]) rejectSpecialFile(path, special[entry.type]);
  if (entry.type === 'SymbolicLink') assertSafeSymlink(path, entry.linkpath ?? '');
  else if (entry.type === 'Link')
    throw new SubmissionRejected(
      'BCH_SUBMISSION_HARD_LINK',
      `"${path}" is a hard link. Re-create the archive without hard links (copy the file instead).`,
    );
  else if (!regular.has(entry.type) && entry.type !== 'Directory')
    throw new SubmissionRejected(
      'BCH_SUBMISSION_SPECIAL_FILE',
      `"${path}" is a tar entry of type ${entry.type}, not a file, folder or link. Re-create the archive with plain files.`,
    );
  counter.add(path, regular.has(entry.type) ? entry.size : 0);
}

/** Streams the (possibly gzipped) archive into a node-tar parser, bounding the decompressed bytes; rethrows the first problem. */
async function feedTar(file: string, limits: SubmissionLimits, sink: Parser, onEntry: (entry: ReadEntry) => void): Promise<void> {
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
  };
  sink.on('entry', (entry: ReadEntry) => {
    try {
      onEntry(entry);
    } catch (error) {
      fail(error);
    }
    if (sink instanceof Parser && !(sink instanceof Unpack)) entry.resume();
  });
  sink.on('error', (error: Error) => fail(corrupt(error.message)));
  sink.on('warn', (code: string, message: string) => fail(corrupt(`${code}: ${message}`)));
  const head = await readHead(file);
  const source = createReadStream(file);
  const stream = head[0] === 0x1f && head[1] === 0x8b ? source.pipe(createGunzip()) : source;
  const maxRaw = limits.maxBytes + limits.maxEntries * 1024 + 1024 * 1024;
  let raw = 0;
  let allZero = true;
  const done = once(sink, sink instanceof Unpack ? 'close' : 'end');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (failure) break;
      raw += chunk.length;
      allZero &&= chunk.every((byte) => byte === 0);
      if (raw > maxRaw)
        throw new SubmissionRejected(
          'BCH_SUBMISSION_TOO_LARGE',
          `the archive expands to more than ${Math.round(maxRaw / 1024 / 1024)} MiB (limit). Send only your source: leave out node_modules, build output and data.`,
        );
      if (!sink.write(chunk)) await once(sink, 'drain');
    }
  } catch (error) {
    source.destroy();
    if (error instanceof SubmissionRejected) throw error;
    throw corrupt((error as Error).message);
  }
  if (!failure) {
    sink.end();
    await Promise.race([done, once(sink, 'error')]).catch(() => {});
  }
  // A tar of nothing is only its end-of-archive zero blocks, which node-tar calls an unrecognized format.
  if (failure && allZero)
    throw new SubmissionRejected(
      'BCH_SUBMISSION_EMPTY',
      'the archive holds no files. Archive the folder that holds your package.json and source.',
    );
  if (failure) throw failure;
}

/** The first bytes of a file, to tell gzip from plain tar. */
async function readHead(file: string): Promise<Buffer> {
  for await (const chunk of createReadStream(file, { start: 0, end: 3 })) return chunk as Buffer;
  return Buffer.alloc(0);
}

const corrupt = (reason: string) =>
  new SubmissionRejected(
    'BCH_SUBMISSION_CORRUPT_ARCHIVE',
    `the archive is corrupt or not a tar archive (${reason}). Re-create it (e.g. \`tar -czf submission.tgz -C my-solution .\`) and check that it opens.`,
  );
