import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { challengesRoot, referenceDirOf } from './load-challenge.ts';
import { validateChallenges, type ValidationFinding } from './validate-challenge.ts';

const scratch = mkdtempSync(join(tmpdir(), 'bch-validate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const cacheDir = join(scratch, 'vite-cache');

/** lru-cache and its reference copied under a temp root (beside links to harness/ and node_modules/, which its tests import), then broken by `edit`. */
function brokenCopy(name: string, edit: (dir: string, reference: string) => void): string {
  const root = join(scratch, name, 'challenges');
  mkdirSync(root, { recursive: true });
  for (const folder of ['harness', 'node_modules']) symlinkSync(join(challengesRoot, '..', folder), join(scratch, name, folder));
  const dir = join(root, 'lru-cache');
  cpSync(join(challengesRoot, 'lru-cache'), dir, { recursive: true });
  cpSync(referenceDirOf('lru-cache'), referenceDirOf('lru-cache', root), {
    recursive: true,
    filter: (source) => !source.includes('node_modules'),
  });
  edit(dir, referenceDirOf('lru-cache', root));
  return root;
}

const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));
const problemsOf = (findings: ValidationFinding[]) => findings.filter((f) => f.level === 'problem').map((f) => `${f.file}: ${f.message}`);

describe('validateChallenges', () => {
  test("finds nothing wrong with the repository's lru-cache", async () => {
    const [result] = await validateChallenges(['lru-cache'], { root: challengesRoot, cacheDir });
    expect(result.findings).toEqual([]);
  });

  test('lists every problem of a broken challenge at once, each with its file', async () => {
    const root = brokenCopy('many', (dir, reference) => {
      // a check without a debrief, a check id the tests do not have, and a test id the manifest does not have
      edit(join(dir, 'challenge.yaml'), (y) =>
        y.replace(/(id: lru-ttl,[^\n]*),\n\s+debrief: \{[\s\S]*?\] \} \}/, '$1 }').replace('id: lru-capacity,', 'id: lru-size,'),
      );
      // a requirement marker no check names
      appendFileSync(join(dir, 'README.md'), '\nThe cache is fast. <!-- req: fast-cache -->\n');
      // a patch that no longer applies, a variant losing an unknown check, a stray patch
      edit(join(reference, 'src/lru-cache.ts'), (t) => t.replace('this.#touch(entry);', 'this.#touch(entry); // moved'));
      edit(join(dir, 'variants.yaml'), (y) => y.replace('loses: [lru-ttl]', 'loses: [lru-expiry]'));
      writeFileSync(join(dir, 'variants', 'forgotten.patch'), '');
      // a module the reference lacks
      rmSync(join(reference, 'src/lru-cache.ts'));
    });
    const [result] = await validateChallenges(['lru-cache'], { root, cacheDir });
    const problems = problemsOf(result.findings);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^solutions\/lru-cache\/src\/lru-cache\.ts: missing: the reference solution needs/),
        expect.stringMatching(/^challenges\/lru-cache\/challenge\.yaml: the check "lru-ttl" has no debrief/),
        expect.stringMatching(/^challenges\/lru-cache\/challenge\.yaml: the requirement "fast-cache" has no check/),
        expect.stringMatching(/^challenges\/lru-cache\/challenge\.yaml: the check "lru-size" has no hidden test/),
        expect.stringMatching(
          /^challenges\/lru-cache\/hidden\/lru-cache-class\.test\.ts: check\("lru-capacity"\) has no entry in challenge\.yaml/,
        ),
        expect.stringMatching(
          /^challenges\/lru-cache\/variants\.yaml: the variant "ttl-ignored" loses "lru-expiry", not checks of challenge\.yaml/,
        ),
        expect.stringMatching(
          /^challenges\/lru-cache\/variants\/fifo-eviction\.patch: changes src\/lru-cache\.ts, which the reference does not have/,
        ),
        expect.stringMatching(/^challenges\/lru-cache\/variants\/forgotten\.patch: is not declared in variants\.yaml/),
      ]),
    );
  });

  test('a patch that no longer fits the reference is named; an invalid manifest is listed issue by issue', async () => {
    const root = brokenCopy('patch', (_dir, reference) => {
      edit(join(reference, 'src/lru-cache.ts'), (t) => t.replace('this.#touch(entry);', 'this.#touch(entry); // moved'));
    });
    const [patched] = await validateChallenges(['lru-cache'], { root, cacheDir });
    expect(problemsOf(patched.findings)).toEqual(
      expect.arrayContaining([
        'challenges/lru-cache/variants/fifo-eviction.patch: no longer applies to src/lru-cache.ts: update the patch to the current reference',
        'challenges/lru-cache/variants/get-no-refresh.patch: no longer applies to src/lru-cache.ts: update the patch to the current reference',
      ]),
    );
    const broken = brokenCopy('manifest', (dir) =>
      edit(join(dir, 'challenge.yaml'), (y) => y.replace('difficulty: medium', 'difficulty: tough').replace('minutes: 180', 'minutes: -1')),
    );
    const [invalid] = await validateChallenges(['lru-cache'], { root: broken, cacheDir });
    expect(problemsOf(invalid.findings)).toEqual([
      expect.stringMatching(/^challenges\/lru-cache\/challenge\.yaml: difficulty: /),
      expect.stringMatching(/^challenges\/lru-cache\/challenge\.yaml: minutes: /),
    ]);
  });

  test('fewer than 8 variants is a problem; none at all is a to-do', async () => {
    const few = brokenCopy('few', (dir) => edit(join(dir, 'variants.yaml'), (y) => y.split('\n- id:').slice(0, 3).join('\n- id:')));
    const none = brokenCopy('none', (dir) => writeFileSync(join(dir, 'variants.yaml'), '[]\n'));
    const [fewResult, noneResult] = [
      (await validateChallenges(['lru-cache'], { root: few, cacheDir }))[0],
      (await validateChallenges(['lru-cache'], { root: none, cacheDir }))[0],
    ];
    expect(problemsOf(fewResult.findings)).toContain(
      'challenges/lru-cache/variants.yaml: declares 2 known-bad variants, at least 8 are needed: add 6 more',
    );
    expect(noneResult.findings.filter((f) => f.file === 'challenges/lru-cache/variants.yaml')).toEqual([
      {
        file: 'challenges/lru-cache/variants.yaml',
        level: 'todo',
        message: expect.stringContaining('no known-bad variants yet: add at least 8'),
      },
    ]);
  });
});
