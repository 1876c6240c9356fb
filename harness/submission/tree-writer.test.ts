// Writing checked entries: links only at the end and as their text, bytes counted as written, and the file
// system's refusals that an archive causes reported as the archive's.
import { existsSync } from 'node:fs';
import { lstat, mkdtemp, readFile, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeEach, expect, test } from 'vitest';
import { defaultSubmissionLimits } from './submission-limits.ts';
import { SubmissionRejected } from './submission-rejected.ts';
import { TreeWriter } from './tree-writer.ts';

let dest: string;
beforeEach(async () => {
  dest = await mkdtemp(join(tmpdir(), 'bch-tree-writer-'));
});
const corrupt = (reason: string) => new SubmissionRejected('BCH_SUBMISSION_CORRUPT_ARCHIVE', reason);
const writer = (limits = defaultSubmissionLimits) => new TreeWriter(dest, limits, 1000, corrupt);
const failure = (work: Promise<unknown>) =>
  work.then(
    () => 'written',
    (error: { code?: string; message: string }) => `${error.code}: ${error.message}`,
  );

test('folders and files as they come; links only at finish, holding their text as it was', async () => {
  const w = writer();
  await w.dir('src');
  w.link('lib', 'src');
  w.link('src/up', '../lib/..');
  expect(existsSync(join(dest, 'lib'))).toBe(false);
  await w.file('src/server.ts', 0o755, Readable.from([Buffer.from('hi')]));
  expect(await w.finish()).toEqual({ entries: 4, bytes: 2 });
  expect(await readlink(join(dest, 'src/up'))).toBe('../lib/..');
  expect(await readFile(join(dest, 'lib/server.ts'), 'utf8')).toBe('hi');
  expect((await lstat(join(dest, 'src/server.ts'))).mode & 0o777).toBe(0o755);
});

test('the bytes are counted as they are written, whatever was declared', async () => {
  const small = { ...defaultSubmissionLimits, maxBytes: 1000, ratioFloorBytes: 10_000 };
  const chunks = Array.from({ length: 10 }, () => Buffer.alloc(300, 1));
  expect(await failure(writer(small).file('big', 0o644, Readable.from(chunks)))).toMatch(/^BCH_SUBMISSION_TOO_LARGE: .*reached at big/);
});

test("the file system's refusals are the archive's: a name too long, a file where a folder is; an unreadable entry is corrupt", async () => {
  expect(await failure(writer().file('x'.repeat(300), 0o644, Readable.from([])))).toMatch(
    /^BCH_SUBMISSION_NAME_TOO_LONG: .*\(ENAMETOOLONG\)/,
  );
  const w = writer();
  await w.file('a', 0o644, Readable.from([]));
  expect(await failure(w.file('a/b', 0o644, Readable.from([])))).toMatch(/^BCH_SUBMISSION_DUPLICATE_ENTRY: .*\(EEXIST\)/);
  expect(await failure(w.file('a', 0o644, Readable.from([])))).toMatch(/^BCH_SUBMISSION_DUPLICATE_ENTRY: .*\(EEXIST\)/);
  const broken = new Readable({
    read() {
      this.destroy(new Error('invalid stored block lengths'));
    },
  });
  expect(await failure(w.file('c', 0o644, broken))).toBe('BCH_SUBMISSION_CORRUPT_ARCHIVE: invalid stored block lengths');
  w.link('a', 'b');
  expect(await failure(w.finish())).toMatch(/^BCH_SUBMISSION_DUPLICATE_ENTRY: .*\(EEXIST\)/);
});
