import { describe, expect, test } from 'vitest';
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import { join } from 'node:path';
import { challengeSubjects } from './challenge-subjects.ts';
import { compareSubjects, defaultSimilarityOptions, type Subject } from './compare-subjects.ts';
import { readSourceFiles, type SourceFile } from './source-files.ts';

const { subjects, base } = challengeSubjects(loadChallenge('lru-cache'));
const reference = subjects.find((s) => s.role === 'reference')!;
const variant = subjects.find((s) => s.role === 'variant')!;

/** A copy disguised the way people disguise one: names changed, blank lines and indentation changed, comments added. */
function disguise(files: SourceFile[]): SourceFile[] {
  return files.map((file) => ({
    path: file.path.replace(/\.ts$/, '-copy.ts'),
    content: file.content
      .replace(
        /\b(cache|key|value|entry|entries|capacity|options|config|upstream|product|instance)\b/g,
        (name) => `my${name[0].toUpperCase()}${name.slice(1)}`,
      )
      .replace(/\n\s*/g, '\n      ')
      .replace(/;\n/g, ';  // done\n\n'),
  }));
}

const candidate = (name: string, files: SourceFile[]): Subject => ({ name, role: 'candidate', files });

describe('compareSubjects', () => {
  test('a variant renamed and reformatted is flagged against the reference and its variant', () => {
    const result = compareSubjects([candidate('mallory', disguise(variant.files)), ...subjects], base);
    const withReference = result.pairs.find((p) => p.left === 'mallory' && p.right === 'reference solution')!;
    expect(withReference.similarity).toBeGreaterThanOrEqual(0.9);
    expect(result.flagged.map((p) => p.right)).toContain(variant.name);
    expect(withReference.fragments.length).toBeGreaterThan(0);
    expect(withReference.fragments[0].left.file).toMatch(/-copy\.ts$/);
    expect(withReference.fragments[0].right.text.length).toBeGreaterThan(0);
  });

  test('a batch of 50 submissions, most of them copies of the reference or a variant, completes', () => {
    // dolos-core's fragments append to the k-gram data they start from, which is the index's own when it keeps it:
    // each flagged pair of a file grew that file's data for the next, and a batch like this one ran out of array
    // length (RangeError) before the index stopped keeping k-gram data.
    const renames = ['cache', 'product', 'upstream', 'config', 'value', 'entry'];
    const sources = subjects.filter((s) => s.role !== 'known');
    const copies = Array.from({ length: 50 - sources.length }, (_, n) =>
      candidate(
        `copy-${n + 1}`,
        sources[n % sources.length].files.map((file) => {
          let content = file.content;
          for (const word of renames.slice(0, 1 + (n % renames.length))) content = content.replaceAll(word, `my${word}`);
          return { ...file, content: n % 2 === 0 ? content.replace(/^\s*\/\/.*$/gm, '') : content };
        }),
      ),
    );
    const batch = [...sources.map((s) => ({ ...s, name: `as-${s.name}`, role: 'candidate' as const })), ...copies];
    expect(batch).toHaveLength(50);
    const result = compareSubjects([...batch, ...subjects], base);
    expect(result.flagged.length).toBeGreaterThan(100);
    const late = result.flagged.find((p) => p.left === 'copy-1' && p.right === 'reference solution')!;
    expect(late.fragments).toEqual(compareSubjects([batch.find((s) => s.name === 'copy-1')!, reference], base).pairs[0].fragments);
  }, 120_000);

  test("the starter's code is base code: a copy of the starter shares nothing with anyone", () => {
    const result = compareSubjects(
      [
        candidate('sam', base),
        candidate(
          'kim',
          base.map((f) => ({ ...f, path: `x/${f.path}` })),
        ),
        reference,
      ],
      base,
    );
    expect(result.pairs.map((p) => p.similarity)).toEqual([0, 0, 0]);
    expect(result.flagged).toEqual([]);
  });

  test('byte-identical submissions are named as such; three linked candidates form a group', () => {
    const result = compareSubjects(
      [candidate('ann', reference.files), candidate('bob', reference.files), candidate('cid', disguise(reference.files)), reference],
      base,
    );
    expect(result.flagged.find((p) => p.left === 'ann' && p.right === 'bob')).toMatchObject({ identical: true, similarity: 1 });
    expect(result.flagged.find((p) => p.left === 'ann' && p.right === 'cid')).toMatchObject({ identical: false });
    expect(result.clusters).toEqual([['ann', 'bob', 'cid']]);
  });

  test('only pairs with a candidate in them are compared', () => {
    const result = compareSubjects([candidate('ann', reference.files), ...subjects], base, defaultSimilarityOptions);
    expect(result.pairs.every((p) => p.left === 'ann')).toBe(true);
    expect(result.pairs).toHaveLength(subjects.length);
  });

  test('two correct solutions written independently are not flagged: one written blind from the statement, and the reference', () => {
    const independent = readSourceFiles(join(import.meta.dirname, '../../test/fixtures/independent/lru-cache-a')).files;
    const result = compareSubjects([candidate('blind', independent), ...subjects], base);
    const withReference = result.pairs.find((p) => p.right === 'reference solution')!;
    expect(withReference.similarity).toBeLessThan(defaultSimilarityOptions.threshold / 2);
    expect(result.flagged).toEqual([]);
  });
});
