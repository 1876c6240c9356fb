// Packages whose install scripts were skipped are read from the lockfile and named when a module cannot load.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { explainSkippedScripts } from './explain-skipped-scripts.ts';
import { lockfileFacts } from './lockfile-facts.ts';

const fixture = resolve(import.meta.dirname, '../../test/fixtures/dependencies/bcrypt5');

test("the lockfile's hasInstallScript entries are the skipped packages", async () => {
  const facts = lockfileFacts(
    JSON.parse(await readFile(`${fixture}/package.json`, 'utf8')),
    JSON.parse(await readFile(`${fixture}/package-lock.json`, 'utf8')),
  );
  expect(facts.installScripts).toEqual(['bcrypt@5.1.1']);
  expect(facts.fileDependencies).toEqual([]);
});

test('a load failure inside a skipped package names it; other failures say nothing', () => {
  const failure =
    "Error: Cannot find module '/tmp/g/app/node_modules/bcrypt/lib/binding/napi-v3/bcrypt_lib.node'\n  code: 'MODULE_NOT_FOUND'";
  expect(explainSkippedScripts(failure, ['bcrypt@5.1.1', 'esbuild@0.25.0'])).toBe(
    'it needs the install script of bcrypt@5.1.1, which bch does not run (npm ci --ignore-scripts). Use a package that ships prebuilt binaries or is plain JavaScript (e.g. bcrypt@6 or bcryptjs instead of bcrypt@5).',
  );
  expect(
    explainSkippedScripts('Error: No native build was found for platform=linux arch=x64 runtime=node', ['sodium-native@4.0.0']),
  ).toMatch(/^it may need the install script of sodium-native@4\.0\.0/);
  expect(explainSkippedScripts("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'zod'", ['esbuild@0.25.0'])).toBeUndefined();
  expect(explainSkippedScripts('TypeError: x is not a function', ['bcrypt@5.1.1'])).toBeUndefined();
  expect(explainSkippedScripts(failure, [])).toBeUndefined();
});
