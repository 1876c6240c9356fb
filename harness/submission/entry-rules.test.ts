// The rules an archive's entries pass in order: names, links, duplicates, limits.
import { describe, expect, test } from 'vitest';
import { EntryRules } from './entry-rules.ts';
import { defaultSubmissionLimits } from './submission-limits.ts';

const rules = () => new EntryRules(defaultSubmissionLimits);
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return `${(error as { code: string }).code}: ${(error as Error).message}`;
  }
  return 'accepted';
};

describe('accepted', () => {
  test('files, folders (also implied by a path, and listed again), the top folder, a link inside by its text', () => {
    const r = rules();
    expect(r.accept('./', 'dir', 0)).toBe('');
    expect(r.accept('./src/server.ts', 'file', 10)).toBe('src/server.ts');
    expect(r.accept('src/', 'dir', 0)).toBe('src');
    expect(r.accept('lib', 'symlink', 0, 'src')).toBe('lib');
    expect(r.counter.entries).toBe(4);
    expect(r.counter.bytes).toBe(10);
  });
});

describe('refused', () => {
  test('an entry under a link, in either order', () => {
    const r = rules();
    r.accept('lib', 'symlink', 0, 'src');
    expect(codeOf(() => r.accept('lib/x.ts', 'file', 1))).toMatch(
      /^BCH_SUBMISSION_PATH_THROUGH_LINK: the archive entry "lib\/x.ts" lies under the symbolic link "lib"/,
    );
    const s = rules();
    s.accept('lib/x.ts', 'file', 1);
    expect(codeOf(() => s.accept('lib', 'symlink', 0, 'src'))).toMatch(
      /^BCH_SUBMISSION_DUPLICATE_ENTRY: the archive holds "lib" more than once/,
    );
  });

  test('the same file twice, a file where a folder is, a nameless file', () => {
    const r = rules();
    r.accept('a.ts', 'file', 1);
    expect(codeOf(() => r.accept('./a.ts', 'file', 1))).toMatch(/^BCH_SUBMISSION_DUPLICATE_ENTRY: the archive holds "a.ts"/);
    expect(codeOf(() => r.accept('a.ts/b.ts', 'file', 1))).toMatch(/^BCH_SUBMISSION_DUPLICATE_ENTRY: the archive holds "a.ts"/);
    expect(codeOf(() => r.accept('./', 'file', 1))).toMatch(/^BCH_SUBMISSION_BAD_NAME: /);
  });

  test('names too long, links out by their text, and the limits', () => {
    expect(codeOf(() => rules().accept('x'.repeat(256), 'file', 1))).toMatch(
      /^BCH_SUBMISSION_NAME_TOO_LONG: .* a name of 256 bytes \(limit 255/,
    );
    expect(codeOf(() => rules().accept('x'.repeat(255), 'file', 1))).toBe('accepted');
    expect(codeOf(() => rules().accept('src/up', 'symlink', 0, '../..'))).toMatch(/^BCH_SUBMISSION_SYMLINK_ESCAPES: /);
    expect(codeOf(() => rules().accept('up', 'symlink', 0, '/etc'))).toMatch(/^BCH_SUBMISSION_SYMLINK_ABSOLUTE: /);
    expect(codeOf(() => rules().accept('big', 'file', 101 * 1024 * 1024))).toMatch(/^BCH_SUBMISSION_TOO_LARGE: /);
  });
});
