// The copy a grade works on: links hold the text receive checked (not rewritten to paths into the received
// tree), and node_modules and .git are left out.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readlink, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { prepareSubmission } from './prepare-submission.ts';

test('links are copied as they are, node_modules and .git are not copied', async () => {
  const root = await mkdtemp(join(tmpdir(), 'bch-prepare-'));
  const source = join(root, 'received');
  await mkdir(join(source, 'src'), { recursive: true });
  await mkdir(join(source, 'node_modules', 'x'), { recursive: true });
  await mkdir(join(source, '.git'));
  await writeFile(join(source, 'package.json'), '{}');
  await writeFile(join(source, 'src/server.ts'), '');
  await symlink('src', join(source, 'lib'));
  await symlink('../lib/..', join(source, 'src/up'));
  const prepared = await prepareSubmission(source, join(root, 'grade'), join(root, 'cache'));
  expect(prepared.ok).toBe(true);
  expect(await readlink(join(prepared.appDir, 'lib'))).toBe('src');
  expect(await readlink(join(prepared.appDir, 'src/up'))).toBe('../lib/..');
  expect([existsSync(join(prepared.appDir, 'node_modules')), existsSync(join(prepared.appDir, '.git'))]).toEqual([false, false]);
});
