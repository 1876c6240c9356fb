import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { collectModuleGraph, packageNameOf } from './module-graph.ts';

/** Writes files into a new temp folder and returns it. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bch-graph-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('collectModuleGraph', () => {
  test('follows static, dynamic and sibling-script references, not type-only imports; lists packages', async () => {
    const dir = tree({
      'entry.ts':
        "import { a } from './a.ts';\nimport type { T } from './types.ts';\nimport { z } from 'zod';\nconst x: T = a;\nexport const lazy = () => import('@scope/pkg/sub');\n",
      'a.ts':
        "import { readFileSync } from 'node:fs';\nexport const a = 1;\nexport const loader = import.meta.resolve('tsx');\nconst script = new URL('./driver.ts', import.meta.url);\n",
      'driver.ts': "import 'vitest';\n",
      'types.ts': 'export type T = number;\n',
      'unused.ts': "import 'express';\n",
    });
    const graph = await collectModuleGraph([join(dir, 'entry.ts')]);
    expect(graph.files).toEqual(['a.ts', 'driver.ts', 'entry.ts'].map((f) => join(dir, f)));
    expect(graph.packages).toEqual(['@scope/pkg', 'tsx', 'vitest', 'zod']);
  });

  test('a relative import of a missing file is an error naming the importer', async () => {
    const dir = tree({ 'entry.ts': "import './nope.ts';\n" });
    await expect(collectModuleGraph([join(dir, 'entry.ts')])).rejects.toThrow(
      `${join(dir, 'entry.ts')} imports ./nope.ts, which is not a file`,
    );
  });

  test('packageNameOf drops sub-paths, keeping scopes', () => {
    expect(packageNameOf('vitest/node')).toBe('vitest');
    expect(packageNameOf('@testcontainers/redis')).toBe('@testcontainers/redis');
    expect(packageNameOf('@a/b/c')).toBe('@a/b');
  });
});
