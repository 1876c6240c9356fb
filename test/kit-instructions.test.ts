// A kit's README as a candidate follows it, for every challenge: each command it names runs in the kit (a `bch`
// command the kit lists, an npm script it has, no docker-compose.yml it lacks), each path it names is in the kit,
// the rubric adds up to the manifest, and the interviewer's commands refuse and write nothing.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packKit } from '../harness/candidate-kit/pack-kit.ts';
import { listChallengeIds, loadChallenge } from '../harness/challenge-spec/load-challenge.ts';
import { repoRoot } from './support/variants.ts';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'bch-kit-instructions-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Runs the kit's own bch (its node_modules is the repository's, which holds every package a kit has). */
function kitBch(kit: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
  return new Promise((resolve) => {
    execFile(process.execPath, [join(kit, 'bin/bch.js'), ...args], { cwd: kit, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Every file and folder of a tree, relative to it. */
const treeOf = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => !path.startsWith('node_modules'))
    .sort();

/** The shell commands a README names: the lines of its code blocks, and inline code that starts like a command. */
function commandsIn(readme: string): string[] {
  const blocks = [...readme.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].flatMap((m) => m[1].split('\n'));
  const inline = [...readme.matchAll(/`((?:npx|npm|docker|cp|node) [^`]+)`/g)].map((m) => m[1]);
  return [...blocks, ...inline].map((line) => line.replace(/\s+#.*$/, '').trim()).filter((line) => /^(npx|npm|docker|cp|node) /.test(line));
}

describe.each(listChallengeIds())('the kit of %s', (id) => {
  const manifest = loadChallenge(id).manifest;
  let kit: string;
  let readme: string;

  beforeAll(async () => {
    kit = join(work, id);
    await packKit({ challengeId: id, outDir: kit, rubric: true });
    await symlink(join(repoRoot, 'node_modules'), join(kit, 'node_modules'));
    readme = readFileSync(join(kit, 'README.md'), 'utf8');
  });

  test('every command its README names works in the kit, with paths the kit has', async () => {
    const scripts = (JSON.parse(readFileSync(join(kit, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const help = (await kitBch(kit, ['--help'])).stdout;
    const listed = [...help.matchAll(/^ {2}(\w[\w-]*)\b/gm)].map((m) => m[1]);
    const commands = commandsIn(readme);
    expect(commands.length).toBeGreaterThan(3);
    const wrong: string[] = [];
    for (const command of commands) {
      const [tool, sub, ...rest] = command.split(/\s+/);
      if (tool === 'npm') {
        if (sub === 'ci' && !existsSync(join(kit, 'package-lock.json'))) wrong.push(`${command}: no package-lock.json`);
        if ((sub === 'test' && !scripts.test) || (sub === 'run' && !scripts[rest[0]])) wrong.push(`${command}: no such script`);
      } else if (tool === 'npx' && sub === 'bch') {
        const [bchCommand, ...args] = rest;
        if (!listed.includes(bchCommand)) wrong.push(`${command}: \`bch ${bchCommand}\` is not a command of the kit`);
        for (const arg of args.filter((a) => !a.startsWith('-') && a !== id && !a.includes('…')))
          if (!existsSync(join(kit, arg))) wrong.push(`${command}: ${arg} is not in the kit`);
      } else if (tool === 'docker') {
        if (!existsSync(join(kit, 'docker-compose.yml'))) wrong.push(`${command}: the kit has no docker-compose.yml`);
      } else if (tool === 'cp') {
        const source = rest.find((a) => !a.startsWith('-')) ?? sub;
        if (!existsSync(join(kit, source))) wrong.push(`${command}: ${source} is not in the kit`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('the files it names are in the kit, in the working folder or at its root', () => {
    // Paths, not bare names: `src/server.ts`, `.github/workflows/public-tests.yml`, `.nvmrc` (a bare `2_x.sql` is an example).
    const named = [...readme.matchAll(/`((?:\.?[\w-]+\/)+[\w.-]+|\.nvmrc|\.gitignore)`/g)]
      .map((m) => m[1])
      .filter((path) => !path.includes('*'));
    const missing = [...new Set(named)].filter(
      (file) => ![kit, join(kit, 'app'), join(kit, 'challenges', id)].some((dir) => existsSync(join(dir, file))),
    );
    expect(missing).toEqual([]);
    expect(readme).not.toMatch(/from the (root of the )?harness repository/);
    expect(readme).not.toContain(`../my-${id}`);
    expect(readme).not.toContain('repository-only');
  });

  test('one copy of the starter, the working folder', () => {
    const entry = readFileSync(join(loadChallenge(id).starterDir, manifest.submission.entry));
    const copies = treeOf(kit).filter((path) => {
      const full = join(kit, path);
      return statSync(full).isFile() && statSync(full).size === entry.length && readFileSync(full).equals(entry);
    });
    expect(copies).toEqual([join('app', manifest.submission.entry)]);
  });

  test("the rubric's total and points per category are the manifest's", () => {
    const sums = new Map<string, number>();
    for (const check of manifest.checks) sums.set(check.category, (sums.get(check.category) ?? 0) + check.weight);
    const total = manifest.checks.reduce((sum, check) => sum + check.weight, 0);
    expect(readme).toContain(`| **Total** | | **${total}** |`);
    expect(readme).toContain(`Per category: ${[...sums].map(([c, p]) => `${c} ${p}`).join(', ')}.`);
    const rows = [...readme.matchAll(/^\| .* \| (\w+) \| (\d+) \|$/gm)].filter((m) => sums.has(m[1]));
    expect(rows.reduce((sum, m) => sum + Number(m[2]), 0)).toBe(total);
  });

  test('bch --help lists what a candidate uses; the interviewer commands say where they belong and write nothing', async () => {
    const help = (await kitBch(kit, ['--help'])).stdout;
    const listed = [...help.matchAll(/^ {2}(\w[\w-]*)\b/gm)].map((m) => m[1]).filter((name) => name !== 'help');
    expect(listed.sort()).toEqual(['bundle', 'clean', 'dev', 'doctor', 'test']);
    const before = treeOf(kit);
    for (const args of [
      ['new', 'foo'],
      ['validate'],
      ['pack', id, '--out', 'kit2'],
      ['ci', 'github', '--challenge', id],
      ['results', 'merge', 'a'],
      ['list'],
    ]) {
      const run = await kitBch(kit, args);
      expect([run.code, run.stderr], args.join(' ')).toEqual([2, expect.stringContaining('belongs to the grading repository')]);
    }
    const grade = await kitBch(kit, ['grade', id, 'app']);
    expect([grade.code, grade.stderr]).toEqual([2, expect.stringContaining('hidden tests that grade it are not in it')]);
    expect(treeOf(kit)).toEqual(before);
  });

  test('bch bundle writes the working folder without node_modules, as a grade receives it', async () => {
    const out = join(work, `${id}-submission.tar.gz`);
    const run = await kitBch(kit, ['bundle', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/wrote .*: \d+ files/);
    const listing = await new Promise<string>((resolve, reject) =>
      execFile('tar', ['-tzf', out], (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
    const names = listing.split('\n').filter(Boolean);
    expect(names).toContain('package.json');
    expect(names).toContain(relative('.', manifest.submission.entry));
    expect(names.filter((n) => n.includes('node_modules'))).toEqual([]);
  });
});
