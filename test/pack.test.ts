// `bch pack lru-cache`: the kit holds nothing hidden (checked by content: hashes and distinctive lines, not names),
// its workflow is a valid GitHub Actions workflow, and in the kit `npm ci && npm test` gives the same public
// results as the full repository, for the starter and for the reference.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packKit, type PackResult } from '../harness/candidate-kit/pack-kit.ts';
import { distinctiveLines } from './fixtures/hostile/kit/leak-search.ts';
import { repositoryFiles } from './support/repository-files.ts';
import { externalUrlFlags, runBch, type JsonTestReport } from './support/run-bch.ts';
import { repoRoot } from './support/variants.ts';

const id = 'lru-cache';
let kit: PackResult;
let work: string;

function run(command: string, args: string[], cwd: string, timeoutMs = 600_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS')),
    PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
  };
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The fixtures of a challenge that hidden tests import and public tests do not (read from their import lines). */
function hiddenOnlyFixtures(files: readonly string[]): string[] {
  const importedBy = (folder: string) =>
    new Set(
      files
        .filter((f) => f.startsWith(`challenges/${id}/${folder}/`))
        .flatMap((f) => [...readFileSync(join(repoRoot, f), 'utf8').matchAll(/fixtures\/([\w.-]+\.ts)/g)].map((m) => m[1])),
    );
  const publicOnes = importedBy('public');
  return [...importedBy('hidden')].filter((name) => !publicOnes.has(name)).map((name) => `challenges/${id}/fixtures/${name}`);
}

const sha256 = (text: Buffer | string) => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'bch-pack-'));
  kit = await packKit({ challengeId: id, outDir: join(work, 'kit'), rubric: true });
  console.log(`bch pack ${id}: ${kit.files.length} files in ${kit.durationMs} ms`);
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe(`bch pack ${id}`, () => {
  test('the kit contains nothing from hidden/, solutions/, variants/, other challenges or hidden-only fixtures, by content', async () => {
    const files = repositoryFiles();
    const hiddenOnly = hiddenOnlyFixtures(files);
    expect(hiddenOnly.length, 'lru-cache has fixtures only hidden tests use (the test must see one)').toBeGreaterThan(0);
    const forbidden = files.filter(
      (f) =>
        /^challenges\/[^/]+\/(hidden|variants)\//.test(f) ||
        f.startsWith('solutions/') ||
        /^challenges\/[^/]+\/variants\.yaml$/.test(f) ||
        (f.startsWith('challenges/') && !f.startsWith(`challenges/${id}/`)) ||
        hiddenOnly.includes(f),
    );
    const allowed = files.filter((f) => !forbidden.includes(f));
    expect(forbidden.filter((f) => f.startsWith(`challenges/${id}/hidden/`)).length).toBeGreaterThan(0);
    expect(forbidden.filter((f) => f.startsWith(`solutions/${id}/`)).length).toBeGreaterThan(0);

    const allowedHashes = new Set(allowed.map((f) => sha256(readFileSync(join(repoRoot, f)))));
    const allowedLines = new Set(allowed.flatMap((f) => distinctiveLines(readFileSync(join(repoRoot, f), 'utf8'))));
    // A forbidden file identical to an allowed one (a solution's unchanged config.ts = the starter's) is no leak.
    const secretHashes = new Map(
      forbidden.map((f) => [sha256(readFileSync(join(repoRoot, f))), f] as const).filter(([hash]) => !allowedHashes.has(hash)),
    );
    const secretLines = new Map(
      forbidden.flatMap((f) =>
        distinctiveLines(readFileSync(join(repoRoot, f), 'utf8'))
          .filter((l) => !allowedLines.has(l))
          .map((l) => [l, f] as const),
      ),
    );
    expect(secretLines.size, 'distinctive lines to look for').toBeGreaterThan(1000);

    const findLeaks = (dir: string, files: readonly string[]) =>
      files.flatMap((file) => {
        const content = readFileSync(join(dir, file));
        const same = secretHashes.get(sha256(content));
        const lines = distinctiveLines(content.toString('utf8')).filter((line) => secretLines.has(line));
        return [...(same ? [`${file} = ${same}`] : []), ...lines.map((line) => `${file}: "${line}" from ${secretLines.get(line)}`)];
      });
    const leaks = findLeaks(kit.outDir, kit.files);
    for (const file of kit.files) expect(file).not.toMatch(/(^|\/)(hidden|solutions|variants)(\/|$)/);
    expect(leaks).toEqual([]);
    for (const file of hiddenOnly) expect(existsSync(join(kit.outDir, file)), file).toBe(false);
    // The detector itself finds a leak: one line of the reference, or a hidden test copied under another name.
    const tampered = join(work, 'tampered');
    await cp(kit.outDir, tampered, { recursive: true });
    const secretLine = [...secretLines.entries()].find(([, from]) => from.startsWith(`solutions/${id}/`))![0];
    await writeFile(join(tampered, 'app/src/server.ts'), `${await readFile(join(tampered, 'app/src/server.ts'), 'utf8')}\n${secretLine}\n`);
    await cp(join(repoRoot, `challenges/${id}/hidden/load.test.ts`), join(tampered, 'notes.txt'));
    const found = findLeaks(tampered, [...kit.files, 'notes.txt']);
    expect(found.some((leak) => leak.startsWith('app/src/server.ts: '))).toBe(true);
    expect(found).toContain(`notes.txt = challenges/${id}/hidden/load.test.ts`);
  });

  test('the kit holds the statement with the rubric, the starter as app/, the public tests and a lockfile', async () => {
    const readme = await readFile(join(kit.outDir, 'README.md'), 'utf8');
    expect(readme).toContain('## Rubric');
    expect(readme).toContain('| Service: concurrent misses make one upstream request | resilience | 7 |');
    expect(readme).toContain('`p99 < 100ms`');
    for (const file of [
      'app/src/server.ts',
      `challenges/${id}/public/basics.test.ts`,
      'package-lock.json',
      '.gitignore',
      '.nvmrc',
      'bch-kit.json',
      'bin/bch.js',
      'harness/cli/main.ts',
    ]) {
      expect(kit.files, file).toContain(file);
    }
    expect(await readFile(join(kit.outDir, 'app/src/lru-cache.ts'), 'utf8')).toBe(
      await readFile(join(repoRoot, `challenges/${id}/starter/src/lru-cache.ts`), 'utf8'),
    );
    const bare = await packKit({ challengeId: id, outDir: join(work, 'bare'), rubric: false });
    const bareReadme = await readFile(join(bare.outDir, 'README.md'), 'utf8');
    expect(bareReadme).not.toContain('## Rubric');
    expect(bareReadme).not.toContain('concurrent misses make one upstream request');
  });

  test("the workflow passes GitHub's workflow schema (and a broken one does not)", async () => {
    const workflow = await readFile(join(kit.outDir, '.github/workflows/public-tests.yml'), 'utf8');
    expect(validateWorkflow(workflow).errors).toEqual([]);
    expect(validateWorkflow(workflow.replace('runs-on:', 'runs_on:')).errors.length).toBeGreaterThan(0);
  });

  test(
    'in the kit, npm ci && npm test gives the public results of the full repository, for the starter and the reference',
    async () => {
      // The kit's lockfile pins every package by integrity; npm's cache (filled by the repository's own npm ci) holds them.
      const install = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], kit.outDir);
      expect(install.code, install.stderr).toBe(0);
      // The candidate's own tests: the starter's example, with supertest, runs in the kit as it is.
      const own = await run('npm', ['run', 'test:own'], kit.outDir);
      const ownOutput = (own.stdout + own.stderr).replace(/\x1b\[[0-9;]*m/g, '');
      expect(own.code, ownOutput).toBe(0);
      expect(ownOutput).toMatch(/✓ app\/test\/app\.test\.ts \(1 test\)/);
      const results = async (folder: string, inKit: boolean) => {
        const json = join(await mkdtemp(join(work, 'report-')), 'results.json');
        const args = [...externalUrlFlags, '--quick', '--json', json];
        const ran = inKit
          ? await run('npm', ['test', '--', ...args], kit.outDir)
          : await runBch(['test', id, folder, ...args], { json: false });
        const report = JSON.parse(await readFile(json, 'utf8')) as JsonTestReport;
        const code = 'code' in ran ? ran.code : ran.exitCode;
        return { code, tests: report.tests.map((t) => `${t.name}: ${t.status}`) };
      };
      const starterInKit = await results('app', true);
      const starterInRepo = await results(join(repoRoot, `challenges/${id}/starter`), false);
      expect(starterInKit).toEqual(starterInRepo);
      expect(starterInKit.code).toBe(1);
      await rm(join(kit.outDir, 'app'), { recursive: true });
      await cp(join(repoRoot, 'solutions', id), join(kit.outDir, 'app'), { recursive: true });
      const referenceInKit = await results('app', true);
      const referenceInRepo = await results(join(repoRoot, 'solutions', id), false);
      expect(referenceInKit).toEqual(referenceInRepo);
      expect(referenceInKit.code).toBe(0);
      expect(referenceInKit.tests.every((t) => t.endsWith(': pass'))).toBe(true);
      // The kit's TypeScript tooling: the reference type-checks, a planted type error fails with its place.
      const typecheck = await run('npm', ['run', '-s', 'typecheck'], kit.outDir);
      expect(typecheck.code, typecheck.stdout + typecheck.stderr).toBe(0);
      await writeFile(join(kit.outDir, 'app/src/planted.ts'), 'export const port: number = "3000";\n');
      const planted = await run('npm', ['run', '-s', 'typecheck'], kit.outDir);
      expect([planted.code, planted.stdout]).toEqual([
        expect.any(Number),
        expect.stringContaining('app/src/planted.ts(1,14): error TS2322'),
      ]);
      expect(planted.code).not.toBe(0);
    },
    15 * 60_000,
  );

  test('bch grade in the kit says the hidden tests are not in it, and who grades (exit 2)', async () => {
    const graded = await run(process.execPath, [join(kit.outDir, 'bin/bch.js'), 'grade', id, 'app'], kit.outDir);
    expect(graded.code).toBe(2);
    expect(graded.stderr).toContain('the hidden tests that grade it are not in it');
    expect(graded.stderr).toContain('Whoever sent you this kit grades');
    const bare = await run(process.execPath, [join(kit.outDir, 'bin/bch.js'), 'grade'], kit.outDir);
    expect(
      [bare.code, bare.stderr.includes('the hidden tests that grade it are not in it')],
      'bch grade with no arguments in the kit explains too',
    ).toEqual([2, true]);
  });
});
