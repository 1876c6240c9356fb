// The candidate's own tests: every starter ships an example (test/app.test.ts) that calls its app in-process with
// supertest and runs with vitest, as `npm run test:own` runs it in a kit. Each passes on its starter, and fails
// when the behaviour it asserts is broken.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { listChallengeIds, loadChallenge } from '../harness/challenge-spec/load-challenge.ts';
import { repoRoot } from './support/variants.ts';

const vitestBin = join(repoRoot, 'node_modules/vitest/vitest.mjs');

/** `vitest run` in a folder, as the kit's test:own script runs it (its own root, no configuration). */
function runOwnTests(dir: string): Promise<{ code: number; output: string }> {
  const env = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && !['NODE_OPTIONS', 'FORCE_COLOR'].includes(name)),
    ),
    NO_COLOR: '1',
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [vitestBin, 'run', '--root', dir], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr });
    });
  });
}

/** A copy of a starter beside the repository's packages, as app/ sits in a kit (vitest writes its cache there). */
async function starterCopy(id: string): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'bch-own-tests-'));
  await cp(loadChallenge(id).starterDir, copy, { recursive: true });
  await symlink(join(repoRoot, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

test.each(listChallengeIds())('%s: the starter example test uses supertest and passes', async (id) => {
  const starter = await starterCopy(id);
  expect(readFileSync(join(starter, 'test/app.test.ts'), 'utf8')).toMatch(/^import request from 'supertest';$/m);
  const run = await runOwnTests(starter);
  expect(run.code, run.output).toBe(0);
  expect(run.output).toMatch(/Tests\s+1 passed/);
});

test('the example test fails when the behaviour it asserts breaks (lru-cache: unknown routes answer 404)', async () => {
  const copy = await starterCopy('lru-cache');
  const app = join(copy, 'src/app.ts');
  await writeFile(
    app,
    (await readFile(app, 'utf8')).replace("res.status(404).json({ error: 'no such route' })", 'res.status(200).json({})'),
  );
  const run = await runOwnTests(copy);
  expect(run.code).toBe(1);
  expect(run.output).toContain('an unknown route answers 404 with a JSON error');
});
