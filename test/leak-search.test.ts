// The leak search of the hostile corpus (test/fixtures/hostile/kit/leak-search.ts) can fail: planted in a folder, a
// line of a hidden test, a copy of a reference file and an admin URL are each found; what it must not read (binary,
// too large, listed only) and what a candidate may see (its own credentials, sandbox fixture scripts) are not findings.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { distinctiveLines, type Needles, saltedHash, searchForLeaks, type SearchOptions } from './fixtures/hostile/kit/leak-search.ts';
import { leakNeedles, secretFiles } from './support/leak-needles.ts';
import { repoRoot } from './support/variants.ts';

const salt = 'test-salt';
const admin = {
  postgres: 'postgres://root@127.0.0.1:5432/postgres',
  redis: 'redis://127.0.0.1:6379',
  rabbitmq: 'amqp://guest:guest@127.0.0.1:5672',
};
const options: SearchOptions = {
  maxFileBytes: 64 * 1024,
  listOnly: {},
  ownUrls: ['postgres://bch_g1:pw@127.0.0.1:5432/bch_g1', 'redis://bch-g1:pw@127.0.0.1:6379/3'],
};
let needles: Needles;
beforeAll(() => {
  needles = leakNeedles(salt, admin);
});

/** A folder with the given files (relative path → content). */
function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bch-leak-search-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** A distinctive line of a repository file that is a needle. */
function needleLineOf(file: string): string {
  const line = distinctiveLines(readFileSync(join(repoRoot, file), 'utf8')).find((l) => needles.lines[saltedHash(salt, l)] !== undefined);
  if (!line) throw new Error(`${file} has no distinctive line of its own`);
  return line;
}

test('the needles cover the hidden tests, hidden-only fixtures, variants and reference solutions of every challenge, not sandbox files', () => {
  const secret = secretFiles();
  for (const id of readdirSync(join(repoRoot, 'challenges'))) {
    for (const kind of [`challenges/${id}/hidden/`, `challenges/${id}/variants/`, `solutions/${id}/`])
      expect(secret.filter((file) => file.startsWith(kind)).length, kind).toBeGreaterThan(0);
  }
  expect(secret).toContain('challenges/lru-cache/fixtures/upstream-server.ts');
  expect(secret).not.toContain('challenges/lru-cache/fixtures/lru-driver.ts');
  expect(secret).not.toContain('challenges/blue-green/fixtures/versioned-app.ts');
  expect(Object.keys(needles.lines).length, 'distinctive lines to look for').toBeGreaterThan(3000);
  const driverLine = distinctiveLines(readFileSync(join(repoRoot, 'challenges/lru-cache/fixtures/lru-driver.ts'), 'utf8'))[0];
  expect(needles.lines[saltedHash(salt, driverLine)], 'a line of a sandbox file is no needle').toBeUndefined();
});

test('a planted hidden line, a copy of a reference file and the admin URLs are found, each named', () => {
  const hiddenLine = needleLineOf('challenges/jwt-rbac/hidden/tokens.test.ts');
  const reference = readFileSync(join(repoRoot, 'solutions/mq-worker/src/order-worker.ts'));
  const dir = folder({
    'cache/deep/x1f2': `first line\n    ${hiddenLine}\nlast line\n`,
    'copy.bin.txt': reference,
    'notes/env': `DATABASE_URL=${admin.postgres}\nbroker ${admin.rabbitmq}/vhost and ${admin.redis}/0\n`,
  });
  const result = searchForLeaks([dir], needles, options);
  expect(result.found.sort()).toEqual(
    [
      `a line of challenges/jwt-rbac/hidden/tokens.test.ts in ${dir}/cache/deep/x1f2`,
      `a copy of solutions/mq-worker/src/order-worker.ts in ${dir}/copy.bin.txt`,
      `a line of solutions/mq-worker/src/order-worker.ts in ${dir}/copy.bin.txt`,
      `the admin URL postgres admin URL in ${dir}/notes/env`,
      `a URL of 127.0.0.1:5432 for user "root" in ${dir}/notes/env`,
      `the admin URL rabbitmq admin URL in ${dir}/notes/env`,
      `the admin URL redis admin URL in ${dir}/notes/env`,
    ].sort(),
  );
  expect([result.files, result.bytes]).toEqual([3, expect.any(Number)]);
});

test("a URL to the grade's server with another user is found (container passwords are not known in advance); its own is not", () => {
  const dir = folder({
    'a.txt': 'redis://default:s3cret@localhost:6379/0 and redis://bch-g1:pw@127.0.0.1:6379/3 and redis://x:y@127.0.0.1:6380',
  });
  expect(searchForLeaks([dir], needles, options).found).toEqual([`a URL of 127.0.0.1:6379 for user "default" in ${dir}/a.txt`]);
});

test('binary, too large and list-only files are counted, not read; links are not followed', () => {
  const hiddenLine = needleLineOf('challenges/lru-cache/hidden/lru-cache-class.test.ts');
  const outside = folder({ 'secret.txt': `${hiddenLine}\n` });
  const dir = folder({
    'binary.dat': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`\n${hiddenLine}\n`)]),
    'large.txt': `${hiddenLine}\n${'x'.repeat(70 * 1024)}\n`,
    'system/lib.txt': `${hiddenLine}\n`,
    'clean.txt': 'nothing to see\n',
  });
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'link.txt'));
  // The list-only folder is known by identity: reached under another path (a root of its own here), it is still only listed.
  const result = searchForLeaks([join(dir, 'system', '.'), dir], needles, { ...options, listOnly: { [join(dir, 'system')]: 'test' } });
  expect(result.found).toEqual([]);
  expect(result.skipped).toEqual({ large: 1, binary: 1, listOnly: 1, unreadable: 0 });
  expect(result.files).toBe(1);
});

test('a file equal to one npm installed is hashed whole, not searched line by line; the same file with a hidden line added is', () => {
  const hiddenLine = needleLineOf('challenges/blue-green/hidden/deploy.test.ts');
  const installed = readFileSync(join(repoRoot, 'node_modules/express/lib/application.js'), 'utf8');
  const dir = folder({ 'express/application.js': installed, 'express/changed.js': `${installed}\n${hiddenLine}\n` });
  const result = searchForLeaks([dir], needles, options);
  expect([result.files, result.packageFiles]).toEqual([2, 1]);
  expect(result.found).toEqual([`a line of challenges/blue-green/hidden/deploy.test.ts in ${dir}/express/changed.js`]);
});
