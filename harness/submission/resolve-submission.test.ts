// Every form of submission, and every kind of bad input, with archives built byte by byte in the test.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { buildTar, buildTgz, buildZip, type ArchiveEntry } from '../../test/support/build-archive.ts';
import { resolveSubmission } from './resolve-submission.ts';
import { defaultSubmissionLimits, type SubmissionLimits } from './submission-limits.ts';
import { parseSubmissionSource } from './submission-source.ts';

const entry = 'src/server.ts';
const app = (prefix = ''): ArchiveEntry[] => [
  { name: `${prefix}package.json`, content: '{"name":"x","type":"module"}' },
  { name: `${prefix}src/server.ts`, content: 'console.log("hi");' },
];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bch-resolve-'));
});

/** Writes an archive, resolves it, and returns the result or the rejection's code. */
async function resolveArchive(name: string, bytes: Buffer, limits?: SubmissionLimits) {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return resolveSubmission(parseSubmissionSource(file), join(dir, 'work'), entry, limits);
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a rejection').toBeDefined();
  return `${(error as { code?: string }).code}: ${(error as Error).message}`;
}

describe('accepted forms', () => {
  test('a .tgz with a single top-level folder: that folder is the root', async () => {
    const resolved = await resolveArchive('s.tgz', buildTgz(app('my-solution/')));
    expect(resolved.root).toBe('my-solution');
    expect(resolved.detail).toContain('archive s.tgz, root my-solution/');
    expect(await readFile(join(resolved.dir, entry), 'utf8')).toBe('console.log("hi");');
  });

  test('a .zip with files at the top, and a relative link inside', async () => {
    const resolved = await resolveArchive('s.zip', buildZip([...app(), { name: 'src/alias.ts', type: 'symlink', target: 'server.ts' }]));
    expect(resolved.root).toBe('.');
    expect(await readFile(join(resolved.dir, 'src/alias.ts'), 'utf8')).toBe('console.log("hi");');
  });

  test('a whole kit: the working folder, not the untouched starter', async () => {
    const kit = [{ name: 'package.json', content: '{}' }, ...app('challenges/lru-cache/starter/'), ...app('app/')];
    expect((await resolveArchive('kit.tar', buildTar(kit))).root).toBe('app');
  });

  test('a git repository path with #ref, and its default branch', async () => {
    const work = join(dir, 'repo');
    await mkdir(join(work, 'src'), { recursive: true });
    const run = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: work, stdio: 'pipe' })
        .toString()
        .trim();
    run('init', '-q', '-b', 'main');
    await writeFile(join(work, 'package.json'), '{}');
    await writeFile(join(work, entry), 'v1');
    run('add', '.');
    run('commit', '-qm', 'v1');
    run('tag', 'v1');
    await writeFile(join(work, entry), 'v2');
    run('commit', '-qam', 'v2');
    execFileSync('git', ['clone', '-q', '--bare', work, join(dir, 'repo.git')]);
    const tagged = await resolveSubmission(parseSubmissionSource(`${join(dir, 'repo.git')}#v1`), join(dir, 'w1'), entry);
    expect(await readFile(join(tagged.dir, entry), 'utf8')).toBe('v1');
    expect(tagged.detail).toMatch(/^git v1 = [0-9a-f]{12}, root the top folder/);
    const head = await resolveSubmission(parseSubmissionSource(join(dir, 'repo.git')), join(dir, 'w2'), entry);
    expect(await readFile(join(head.dir, entry), 'utf8')).toBe('v2');
    expect(await codeOf(resolveSubmission(parseSubmissionSource(`${join(dir, 'repo.git')}#nope`), join(dir, 'w3'), entry))).toMatch(
      /^BCH_SUBMISSION_GIT_REF: .*no branch, tag or commit "nope"/,
    );
    expect(await codeOf(resolveSubmission(parseSubmissionSource('file:///nonexistent/repo.git'), join(dir, 'w4'), entry))).toMatch(
      /^BCH_SUBMISSION_GIT_NOT_FOUND: .*does not appear to be a git repository/,
    );
    // An unreachable host is the environment's failure (exit 3), not the candidate's.
    expect(await codeOf(resolveSubmission(parseSubmissionSource('http://127.0.0.1:9/repo.git#main'), join(dir, 'w5'), entry))).toMatch(
      /^BCH_GIT_UNREACHABLE: .*127\.0\.0\.1/,
    );
  });
});

describe('rejected input: each kind has its own code and message', () => {
  const small: SubmissionLimits = { maxBytes: 64 * 1024, maxEntries: 20, maxCompressionRatio: 10, ratioFloorBytes: 1024 };
  test.each<[string, string, () => Buffer, SubmissionLimits?]>([
    [
      'path traversal',
      'BCH_SUBMISSION_PATH_TRAVERSAL: the archive entry "../evil.ts" points outside',
      () => buildTgz([...app(), { name: '../evil.ts', content: 'x' }]),
    ],
    [
      'absolute path',
      'BCH_SUBMISSION_ABSOLUTE_PATH: the archive entry "/tmp/evil.ts" has an absolute path',
      () => buildTgz([...app(), { name: '/tmp/evil.ts', content: 'x' }]),
    ],
    [
      'absolute symlink (zip)',
      'BCH_SUBMISSION_SYMLINK_ABSOLUTE: the symbolic link "src/passwd" points to the absolute path "/etc/passwd"',
      () => buildZip([...app(), { name: 'src/passwd', type: 'symlink', target: '/etc/passwd' }]),
    ],
    [
      'escaping symlink',
      'BCH_SUBMISSION_SYMLINK_ESCAPES: the symbolic link "src/up" points outside the submission ("../../x")',
      () => buildTgz([...app(), { name: 'src/up', type: 'symlink', target: '../../x' }]),
    ],
    [
      'device file',
      'BCH_SUBMISSION_SPECIAL_FILE: "dev/null" is a character device',
      () => buildTgz([...app(), { name: 'dev/null', type: 'chardev' }]),
    ],
    ['FIFO in a zip', 'BCH_SUBMISSION_SPECIAL_FILE: "pipe" is a FIFO', () => buildZip([...app(), { name: 'pipe', type: 'fifo' }])],
    [
      'hard link',
      'BCH_SUBMISSION_HARD_LINK: "src/copy.ts" is a hard link',
      () => buildTgz([...app(), { name: 'src/copy.ts', type: 'hardlink', target: 'src/server.ts' }]),
    ],
    [
      'too large',
      'BCH_SUBMISSION_TOO_LARGE: the submission is larger than 0.1 MiB',
      () => buildTar([...app(), { name: 'big.bin', content: randomBytes(80 * 1024) }]),
      small,
    ],
    [
      'too many files',
      'BCH_SUBMISSION_TOO_MANY_FILES: the submission holds more than 20 files',
      () => buildTgz([...app(), ...Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.ts`, content: 'x' }))]),
      small,
    ],
    [
      'compression bomb (tar.gz)',
      'BCH_SUBMISSION_COMPRESSION_RATIO: the archive expands more than 10 times its size',
      () => buildTgz([...app(), { name: 'zeros', content: Buffer.alloc(60 * 1024) }]),
      small,
    ],
    [
      'compression bomb (zip)',
      'BCH_SUBMISSION_COMPRESSION_RATIO: the archive expands more than 10 times its size',
      () => buildZip([...app(), { name: 'zeros', content: Buffer.alloc(60 * 1024) }]),
      small,
    ],
    [
      'truncated tar.gz',
      'BCH_SUBMISSION_CORRUPT_ARCHIVE: the archive is corrupt or not a tar archive',
      () => buildTgz(app()).subarray(0, 60),
    ],
    [
      'not an archive',
      'BCH_SUBMISSION_CORRUPT_ARCHIVE: the file is not a tar, tar.gz or zip archive',
      () => Buffer.from('this is a README, not an archive\n'.repeat(40)),
    ],
    [
      'zip with a broken central directory',
      'BCH_SUBMISSION_CORRUPT_ARCHIVE: the archive is corrupt or not a zip archive',
      () => {
        const zip = buildZip(app());
        return Buffer.concat([zip.subarray(0, zip.length - 30), Buffer.alloc(8)]);
      },
    ],
    ['empty archive', 'BCH_SUBMISSION_EMPTY: the archive holds no files', () => buildTgz([])],
    ['empty file', 'BCH_SUBMISSION_EMPTY: the archive file is empty (0 bytes)', () => Buffer.alloc(0)],
    [
      'no entry file',
      'BCH_SUBMISSION_NO_ENTRY: no folder of the submission holds both package.json and src/server.ts',
      () =>
        buildZip([
          { name: 'package.json', content: '{}' },
          { name: 'src/index.ts', content: '' },
        ]),
    ],
    [
      'two candidate roots',
      'BCH_SUBMISSION_AMBIGUOUS_ROOT: the submission holds several folders with package.json and src/server.ts: a, b',
      () => buildTgz([...app('a/'), ...app('b/')]),
    ],
  ])('%s', async (_kind, expected, build, limits) => {
    const name = expected.includes('zip') || _kind.includes('zip') ? 's.zip' : 's.tgz';
    expect(await codeOf(resolveArchive(name, build(), limits))).toContain(expected);
  });

  test('names from the archive reach reports without terminal escapes', async () => {
    expect(await codeOf(resolveArchive('s.tgz', buildTgz([...app(), { name: '../\u001b[2Jgotcha', content: 'x' }])))).toContain(
      'the archive entry "../?[2Jgotcha" points outside',
    );
    const resolved = await resolveArchive('t.tgz', buildTgz(app('x\u001b[31m/')));
    expect(resolved.detail).toContain('root x?[31m/');
  });

  test('nothing is written when a bad entry comes after good ones', async () => {
    await codeOf(resolveArchive('s.tgz', buildTgz([...app(), { name: 'src/../../evil.ts', content: 'x' }])));
    const extracted = join(dir, 'work', 'extracted');
    expect(existsSync(extracted) ? await readdir(extracted) : []).toEqual([]);
  });

  test('a folder with an escaping link or a FIFO', async () => {
    const folder = join(dir, 'folder');
    await mkdir(join(folder, 'src'), { recursive: true });
    await writeFile(join(folder, 'package.json'), '{}');
    await writeFile(join(folder, entry), '');
    await symlink('/etc/passwd', join(folder, 'src/passwd'));
    expect(await codeOf(resolveSubmission(parseSubmissionSource(folder), join(dir, 'w'), entry))).toMatch(
      /^BCH_SUBMISSION_SYMLINK_ABSOLUTE: /,
    );
    execFileSync('rm', [join(folder, 'src/passwd')]);
    execFileSync('mkfifo', [join(folder, 'fifo')]);
    expect(await codeOf(resolveSubmission(parseSubmissionSource(folder), join(dir, 'w'), entry))).toMatch(
      /^BCH_SUBMISSION_SPECIAL_FILE: "fifo" is a FIFO/,
    );
  });

  test('default limits are generous for source code', () => {
    expect(defaultSubmissionLimits).toEqual({
      maxBytes: 100 * 1024 * 1024,
      maxEntries: 10_000,
      maxCompressionRatio: 100,
      ratioFloorBytes: 10 * 1024 * 1024,
    });
  });
});
