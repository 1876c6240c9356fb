// Every repository path the docs name exists, and every excerpt that names its file is that file's code: a file moved,
// removed or changed fails here until the docs follow it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { namedExcerpts } from './support/doc-excerpts.ts';
import { missingPaths, namedPaths } from './support/doc-paths.ts';
import { repoRoot } from './support/variants.ts';

/** Paths a doc names on purpose although they are not in the repository, with the reason. */
const notInRepository: Record<string, string> = {
  'harness/services/nats/': "architecture.md's example of a service to add",
  'nats-service.ts': "architecture.md's example of a service to add",
  'config/images.ts': 'a file before the service folders (issue 15), named to count what a service used to touch',
  '.ci/images/<name>/': 'a folder before the service folders (issue 15), named to count what a service used to touch',
  'challenges/rate-limiter/': 'the challenge `bch new` scaffolds in the README and architecture.md walk-through',
  'solutions/rate-limiter/': 'the challenge `bch new` scaffolds in the README and architecture.md walk-through',
  'solutions/rate-limiter': 'the challenge `bch new` scaffolds in the README and architecture.md walk-through',
  'challenges/rate-limiter/starter': 'the challenge `bch new` scaffolds in the README and architecture.md walk-through',
};

/** The repository's files, tracked or new (not ignored), relative to its root. */
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
const docs = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(repoRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

describe.each(docs)('%s', (doc) => {
  test('names only paths that exist', () => {
    const named = namedPaths(readFileSync(join(repoRoot, doc), 'utf8')).filter(({ path }) => !(path in notInRepository));
    expect(missingPaths(named, files).map(({ path, line }) => `${doc}:${line} ${path}`)).toEqual([]);
  });

  test('quotes only lines its sources hold', () => {
    const excerpts = namedExcerpts(readFileSync(join(repoRoot, doc), 'utf8'), (path) => files.includes(path));
    const drifted = excerpts.flatMap(({ source, lines, line }) => {
      const sourceLines = new Set(readFileSync(join(repoRoot, source), 'utf8').split('\n'));
      return lines.filter((text) => !sourceLines.has(text)).map((text) => `${doc}:${line} ${source}: ${text}`);
    });
    expect(drifted).toEqual([]);
  });
});

test('the exceptions are still named by a doc', () => {
  const named = new Set(docs.flatMap((doc) => namedPaths(readFileSync(join(repoRoot, doc), 'utf8')).map(({ path }) => path)));
  expect(Object.keys(notInRepository).filter((path) => !named.has(path))).toEqual([]);
});

describe('the path check', () => {
  const repo = ['harness/cli/main.ts', 'harness/services/redis/redis-service.ts', 'challenges/lru-cache/challenge.yaml', 'README.md'];
  const missing = (markdown: string) => missingPaths(namedPaths(markdown), repo).map(({ path }) => path);

  test('finds a moved file in inline code, in a code block and in a link', () => {
    expect(missing('see `harness/services/redis-service.ts`\n```\ncli/old-main.ts   the entry\n```\n[x](harness/gone.md#part)')).toEqual([
      'harness/services/redis-service.ts',
      'cli/old-main.ts',
      'harness/gone.md',
    ]);
  });

  test('resolves harness-relative paths, placeholders, folders and bare module names', () => {
    expect(
      missing('`cli/main.ts`, `services/<name>/<name>-service.ts`, `challenges/<id>/`, `harness/cli/`, `main.ts`, [r](README.md)'),
    ).toEqual([]);
    expect(missing('`redis-space.ts` and `challenges/<id>/starter/`')).toEqual(['redis-space.ts', 'challenges/<id>/starter/']);
  });

  test('an excerpt is read from the fenced block after a lead-in that names its file', () => {
    const markdown = 'Not an excerpt:\n```\nx\n```\n`a.ts` (see `b.ts`):\n```ts\nconst a = 1;\n```\n`a.ts` as prose\n```\ny\n```';
    expect(namedExcerpts(markdown, (path) => path === 'a.ts')).toEqual([{ source: 'a.ts', lines: ['const a = 1;'], line: 6 }]);
  });

  test("leaves alone words that are not the repository's paths", () => {
    expect(
      missing(
        '`src/server.ts` of a submission, `results/index.json`, `postgres://root@127.0.0.1:5432/postgres`, `../my-lru-cache`, [site](https://example.com/a.md)',
      ),
    ).toEqual([]);
  });
});
