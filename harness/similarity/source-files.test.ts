import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readSourceFiles } from './source-files.ts';

const root = mkdtempSync(join(tmpdir(), 'bch-sources-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function put(path: string, content = 'export const x = 1;\n'): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

describe('readSourceFiles', () => {
  test('TypeScript and JavaScript in path order; no dependencies, build output, hidden folders, declarations or links', () => {
    put('src/server.ts');
    put('src/app.mjs');
    put('src/types.d.ts');
    put('README.md');
    put('node_modules/x/index.js');
    put('dist/server.js');
    put('.cache/a.ts');
    symlinkSync('/etc', join(root, 'src', 'etc'));
    symlinkSync(join(root, 'src', 'server.ts'), join(root, 'src', 'link.ts'));
    expect(readSourceFiles(root).files.map((f) => f.path)).toEqual(['src/app.mjs', 'src/server.ts']);
  });

  test('a submission past a limit is cut short and says so', () => {
    const cut = readSourceFiles(root, { files: 1, fileBytes: 1024, totalBytes: 1024 });
    expect(cut).toMatchObject({ truncated: true, files: [{ path: 'src/app.mjs' }] });
  });
});
