import { describe, expect, test } from 'vitest';
import { codeView, pointedFiles } from './code-view.ts';

const starter = [
  { path: 'src/app.ts', content: 'export const app = 1;\n' },
  { path: 'src/server.ts', content: 'listen();\n' },
];
const submission = [
  { path: 'src/app.ts', content: 'export const app = 2;\n' },
  { path: 'src/cache.ts', content: 'export class Cache {}\n' },
  { path: 'src/server.ts', content: 'listen();\n' },
];

describe('codeView', () => {
  test('each file marked added, changed or as the starter had it, and the diff of what the candidate wrote', () => {
    const view = codeView(submission, starter);
    expect(view.files.map((f) => [f.path, f.state])).toEqual([
      ['src/app.ts', 'changed'],
      ['src/cache.ts', 'added'],
      ['src/server.ts', 'as in the starter'],
    ]);
    expect(view.diff).toContain('-export const app = 1;');
    expect(view.diff).toContain('+export const app = 2;');
    expect(view.diff).toContain('+++ submission/src/cache.ts');
    expect(view.diff).not.toContain('server.ts');
  });

  test('a big file is cut, and says so', () => {
    const view = codeView([{ path: 'big.ts', content: 'x'.repeat(70 * 1024) }], []);
    expect(view.files[0].content).toMatch(/… \(cut at 64 KiB\)$/);
  });
});

describe('pointedFiles', () => {
  test("the submission's files a stack or an error names, with their line, at most three", () => {
    const evidence =
      'TypeError: x is undefined\n    at get (src/cache.ts:12:7)\n    at node:internal/x.js:1:1\n    at <harness>/node_modules/a.js:3:3\nsrc/app.ts:5:2: ERROR';
    expect(pointedFiles(evidence, submission)).toEqual(['src/cache.ts:12', 'src/app.ts:5']);
    expect(pointedFiles('expected 200, got 500', submission)).toEqual([]);
  });
});
