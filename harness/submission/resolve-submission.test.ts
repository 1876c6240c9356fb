// Every form of submission, and every kind of bad input, with archives built byte by byte in the test.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { buildGzipBomb, buildTar, buildTgz, buildZip, type ArchiveEntry } from '../../test/support/build-archive.ts';
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
  return resolveSubmission(parseSubmissionSource(file), join(dir, 'work', name), entry, limits);
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
    expect(await codeOf(resolveSubmission(parseSubmissionSource('https://127.0.0.1:9/repo.git#main'), join(dir, 'w5'), entry))).toMatch(
      /^BCH_GIT_UNREACHABLE: .*127\.0\.0\.1/,
    );
  });
});

describe("the timeline a submission records (the candidate's own claim, never scored)", () => {
  test('a git submission: its first and last commit times and its number of commits', async () => {
    const work = join(dir, 'dated');
    await mkdir(join(work, 'src'), { recursive: true });
    const commitAt = (date: string, message: string) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qam', message], {
        cwd: work,
        stdio: 'pipe',
        env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: work });
    await writeFile(join(work, 'package.json'), '{}');
    await writeFile(join(work, entry), 'v1');
    execFileSync('git', ['add', '.'], { cwd: work });
    commitAt('2026-12-01T10:02:00Z', 'start');
    await writeFile(join(work, entry), 'v2');
    commitAt('2026-12-01T11:30:00Z', 'more');
    await writeFile(join(work, entry), 'v3');
    commitAt('2026-12-01T13:32:00Z', 'done');
    const resolved = await resolveSubmission(parseSubmissionSource(`file://${work}`), join(dir, 'wt'), entry);
    expect(resolved.timeline).toEqual({
      source: 'git',
      firstCommit: '2026-12-01T10:02:00.000Z',
      lastCommit: '2026-12-01T13:32:00.000Z',
      commits: 3,
      moreCommits: false,
    });
  });

  test("an archive: its files' dates as its entries carry them", async () => {
    const resolved = await resolveArchive('dated.tgz', buildTgz(app()));
    expect(resolved.timeline).toEqual({
      source: 'archive',
      earliestFile: '2026-01-01T00:00:00.000Z',
      latestFile: '2026-01-01T00:00:00.000Z',
    });
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
    const extracted = join(dir, 'work', 's.tgz', 'extracted');
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

/**
 * `up0 -> .`, `up1 -> up0/..` … and `.tsx-cache -> up<n-1>`: each inside by its text, `/` when followed. The last
 * link names the chain without a `..` of its own, so that no lexical rewrite (fs.cp's) can flatten it.
 */
const chain = (n = 20): ArchiveEntry[] => [
  { name: 'up0', type: 'symlink', target: '.' },
  ...Array.from({ length: n - 1 }, (_, i) => ({ name: `up${i + 1}`, type: 'symlink' as const, target: `up${i}/..` })),
  { name: '.tsx-cache', type: 'symlink', target: `up${n - 1}` },
];

/** Writes the entries as a folder (links as links). */
async function folderOf(entries: ArchiveEntry[], at = join(dir, 'folder')): Promise<string> {
  for (const e of entries) {
    await mkdir(join(at, e.name, e.type === 'dir' ? '' : '..'), { recursive: true });
    if (e.type === 'symlink') await symlink(e.target!, join(at, e.name));
    else if (e.type !== 'dir') await writeFile(join(at, e.name), e.content ?? '');
  }
  return at;
}

/** Commits a folder to a new git repository; returns it. */
function commitAll(folder: string): string {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: folder, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'submission');
  return folder;
}

describe('links are judged by where they lead, in every form', () => {
  const escapes =
    /^BCH_SUBMISSION_SYMLINK_ESCAPES: the symbolic link "\.tsx-cache" leads outside the submission: followed as the system follows links, it climbs above the submission's top folder through the link "up1" \("up0\/\.\."\)/;

  test('a chain of links to / (each inside by its text) in a folder, a .tgz, a .zip and a file:// git repository', async () => {
    expect(await codeOf(resolveSubmission(parseSubmissionSource(await folderOf([...app(), ...chain()])), join(dir, 'w1'), entry))).toMatch(
      escapes,
    );
    expect(await codeOf(resolveArchive('s.tgz', buildTgz([...app(), ...chain()])))).toMatch(escapes);
    expect(await codeOf(resolveArchive('s.zip', buildZip([...app(), ...chain()])))).toMatch(escapes);
    const repo = commitAll(await folderOf([...app(), ...chain()], join(dir, 'repo')));
    expect(await codeOf(resolveSubmission(parseSubmissionSource(`file://${repo}`), join(dir, 'w2'), entry))).toMatch(escapes);
  });

  test('a loop, an absolute target behind a relative link, and a link out through node_modules', async () => {
    const loop = await folderOf(
      [...app(), { name: 'a', type: 'symlink', target: 'b' }, { name: 'b', type: 'symlink', target: 'a' }],
      join(dir, 'loop'),
    );
    expect(await codeOf(resolveSubmission(parseSubmissionSource(loop), join(dir, 'w1'), entry))).toMatch(
      /^BCH_SUBMISSION_SYMLINK_LOOP: the symbolic link "a" never ends: followed, it loops/,
    );
    const hop = await folderOf(
      [...app(), { name: 'hop', type: 'symlink', target: 'src/abs' }, { name: 'src/abs', type: 'symlink', target: '/etc' }],
      join(dir, 'hop'),
    );
    expect(await codeOf(resolveSubmission(parseSubmissionSource(hop), join(dir, 'w2'), entry))).toMatch(
      /^BCH_SUBMISSION_SYMLINK_ABSOLUTE: the symbolic link "hop" leads through the link "src\/abs" to the absolute path "\/etc"/,
    );
    // node_modules is never copied into a grade: what a link says past it is taken by its text
    const modules = await folderOf(
      [...app(), { name: 'node_modules', type: 'symlink', target: '/' }, { name: 'm', type: 'symlink', target: 'node_modules/../..' }],
      join(dir, 'modules'),
    );
    expect(await codeOf(resolveSubmission(parseSubmissionSource(modules), join(dir, 'w3'), entry))).toMatch(
      /^BCH_SUBMISSION_SYMLINK_ESCAPES: the symbolic link "m"/,
    );
  });

  test('a link that stays inside what was sent but leaves the graded root is refused; links inside are kept as they are', async () => {
    const kit = await folderOf(
      [...app('app/'), { name: 'secret.txt', content: 'x' }, { name: 'app/src/peek', type: 'symlink', target: '../../secret.txt' }],
      join(dir, 'kit'),
    );
    expect(await codeOf(resolveSubmission(parseSubmissionSource(kit), join(dir, 'w1'), entry))).toMatch(
      /^BCH_SUBMISSION_SYMLINK_ESCAPES: the symbolic link "src\/peek" leads outside the graded folder app\/: its target "..\/..\/secret.txt" climbs/,
    );
    const resolved = await resolveArchive(
      'ok.tgz',
      buildTgz([...app(), { name: 'lib', type: 'symlink', target: 'src' }, { name: 'src/up', type: 'symlink', target: '../lib/../src' }]),
    );
    expect(await readlink(join(resolved.dir, 'src/up'))).toBe('../lib/../src');
    expect(await readFile(join(resolved.dir, 'lib/server.ts'), 'utf8')).toBe('console.log("hi");');
  });
});

describe('hostile archives are rejected before anything is written outside, and never crash the process', () => {
  const outside = () => join(dir, 'written-outside');
  const through = (): ArchiveEntry => ({ name: `.tsx-cache${outside()}`, content: 'x' });

  test.each([
    ['tgz', buildTgz],
    ['zip', buildZip],
  ])(
    '%s: a file under a link of the archive (through a chain to /) is refused, and nothing lands where the link leads',
    async (form, build) => {
      expect(await codeOf(resolveArchive(`s.${form}`, build([...app(), ...chain(), through()])))).toMatch(
        /^BCH_SUBMISSION_PATH_THROUGH_LINK: the archive entry "\.tsx-cache\/.*" lies under the symbolic link "\.tsx-cache"/,
      );
      expect(existsSync(outside())).toBe(false);
      // the other order: files first, then a link where their folder was
      expect(
        await codeOf(
          resolveArchive(
            `t.${form}`,
            build([...app(), { name: 'lib/x.ts', content: '' }, { name: 'lib', type: 'symlink', target: 'src' }]),
          ),
        ),
      ).toMatch(/^BCH_SUBMISSION_DUPLICATE_ENTRY: the archive holds "lib" more than once/);
    },
  );

  test('a 300-character name (pax header) of a file or a folder, a path over 1024 bytes, and the same path twice', async () => {
    // on main, node-tar's ENAMETOOLONG for a folder name escaped as an uncaught error and ended the process
    expect(await codeOf(resolveArchive('f.tgz', buildTgz([...app(), { name: `src/${'n'.repeat(300)}/x.ts`, content: '' }])))).toMatch(
      /^BCH_SUBMISSION_NAME_TOO_LONG: the archive entry "src\/n{56}…" has a name of 300 bytes \(limit 255/,
    );
    expect(await codeOf(resolveArchive('s.tgz', buildTgz([...app(), { name: `src/${'n'.repeat(300)}.ts`, content: '' }])))).toMatch(
      /^BCH_SUBMISSION_NAME_TOO_LONG: the archive entry "src\/n{56}…" has a name of 303 bytes \(limit 255/,
    );
    const deep = Array.from({ length: 12 }, () => 'd'.repeat(100)).join('/');
    expect(await codeOf(resolveArchive('d.tgz', buildTgz([...app(), { name: `${deep}/x.ts`, content: '' }])))).toMatch(
      /^BCH_SUBMISSION_NAME_TOO_LONG: .* has a path of 1216 bytes \(limit 1024\)/,
    );
    expect(await codeOf(resolveArchive('t.zip', buildZip([...app(), { name: 'src/server.ts', content: 'again' }])))).toMatch(
      /^BCH_SUBMISSION_DUPLICATE_ENTRY: the archive holds "src\/server.ts" more than once/,
    );
  });

  test('a 4 MB gzip of 4 GiB of zeros is refused after unpacking about 21 MiB of it', async () => {
    const bomb = buildGzipBomb(4096);
    expect(bomb.length).toBeLessThan(4.5 * 1024 * 1024);
    const message = await codeOf(resolveArchive('bomb.tgz', bomb));
    expect(message).toMatch(
      /^BCH_SUBMISSION_COMPRESSION_RATIO: the archive expands more than 100 times its size \([\d.]+ MiB from its first [\d.]+ MiB, limit\)/,
    );
    expect(Number(/\(([\d.]+) MiB/.exec(message)![1])).toBeLessThan(32);
  });

  test('what follows the end-of-archive marker is counted, never parsed: a valid tar with 200 MiB of zeros after it', async () => {
    const tar = buildTar(app());
    const tail = Buffer.alloc(1024 * 1024);
    const { gzipSync } = await import('node:zlib');
    const bytes = gzipSync(Buffer.concat([tar, ...Array<Buffer>(200).fill(tail)]));
    expect(await codeOf(resolveArchive('tail.tgz', bytes))).toMatch(/^BCH_SUBMISSION_COMPRESSION_RATIO: /);
    // a little padding after the marker, as tar writes it, is an ordinary archive
    expect((await resolveArchive('padded.tgz', gzipSync(Buffer.concat([tar, Buffer.alloc(9 * 1024)])))).root).toBe('.');
  });

  test('a zip entry that inflates to more than it declares is refused while it is written', async () => {
    expect(
      await codeOf(resolveArchive('lie.zip', buildZip([...app(), { name: 'big.txt', content: 'x'.repeat(100_000), declaredSize: 10 }]))),
    ).toMatch(/^BCH_SUBMISSION_CORRUPT_ARCHIVE: the archive is corrupt or not a zip archive \(too many bytes in the stream/);
  });
});

describe('git: only https, ssh and file, and option-like URLs refused before git runs', () => {
  test.each([
    ['ext::sh -c touch% MARK', 'BCH_GIT_PROTOCOL_REFUSED: the git URL "ext::sh -c touch% MARK" uses the ext transport'],
    ['git+ext::sh -c touch% MARK', 'BCH_GIT_PROTOCOL_REFUSED: the git URL "ext::sh -c touch% MARK" uses the ext transport'],
    ['fd::3', 'BCH_GIT_PROTOCOL_REFUSED: the git URL "fd::3" uses the fd transport'],
    ['http://127.0.0.1:9/repo.git', 'BCH_GIT_PROTOCOL_REFUSED: the git URL "http://127.0.0.1:9/repo.git" uses the http transport'],
    [
      'ssh://-oProxyCommand=touch%20MARK/repo.git',
      'BCH_GIT_URL_REFUSED: the git URL "ssh://-oProxyCommand=touch%20MARK/repo.git" has a host, user or path',
    ],
    ['-oProxyCommand=touch MARK', 'BCH_GIT_URL_REFUSED: the git URL "-oProxyCommand=touch MARK" starts with "-"'],
  ])('%s', async (url, expected) => {
    const mark = join(dir, 'ran');
    const source = parseSubmissionSource(url.replace('MARK', mark));
    expect(source.form).toBe('git');
    const started = Date.now();
    expect(await codeOf(resolveSubmission(source, join(dir, 'w'), entry))).toContain(expected.replace('MARK', mark));
    expect(existsSync(mark)).toBe(false);
    expect(Date.now() - started, 'refused without waiting on git').toBeLessThan(5000);
  });
});
