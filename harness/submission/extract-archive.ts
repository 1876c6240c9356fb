// Unpacks an archive submission into an empty folder, choosing the reader from the file's content (not its
// name), so a renamed or truncated file is reported as what it is.
import { open } from 'node:fs/promises';
import { extractTar } from './extract-tar.ts';
import type { FileTimeRange } from './file-time-range.ts';
import { extractZip } from './extract-zip.ts';
import type { SubmissionLimits } from './submission-limits.ts';
import { SubmissionRejected } from './submission-rejected.ts';

/** Extracts `file` into `dest` after checking every entry; throws SubmissionRejected for anything unsafe or broken. */
export async function extractArchive(
  file: string,
  dest: string,
  limits: SubmissionLimits,
): Promise<{ entries: number; bytes: number; fileTimes?: FileTimeRange }> {
  const head = Buffer.alloc(512);
  const handle = await open(file, 'r');
  const { bytesRead } = await handle.read(head, 0, 512, 0).finally(() => handle.close());
  if (bytesRead === 0)
    throw new SubmissionRejected(
      'BCH_SUBMISSION_EMPTY',
      'the archive file is empty (0 bytes). Send an archive of the folder that holds your package.json and source.',
    );
  if (head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50) return extractZip(file, dest, limits);
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const ustar = bytesRead >= 263 && head.toString('latin1', 257, 262) === 'ustar';
  if (gzip || ustar) return extractTar(file, dest, limits);
  throw new SubmissionRejected(
    'BCH_SUBMISSION_CORRUPT_ARCHIVE',
    'the file is not a tar, tar.gz or zip archive (its first bytes match none of them), or it is corrupt. Re-create it (e.g. `tar -czf submission.tgz -C my-solution .`) and check that it opens.',
  );
}
