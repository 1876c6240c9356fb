import { describe, expect, test } from 'vitest';
import { sourceTokens } from './source-tokens.ts';

describe('sourceTokens', () => {
  test('renaming and reformatting change no token; a different statement does', () => {
    const a = sourceTokens('const total = items.reduce((sum, item) => sum + item.price, 0); // the total\n');
    const b = sourceTokens('const   t =\n  xs.reduce(\n    (acc, x) => acc + x.cost,\n    0,\n  );\n');
    const c = sourceTokens('let total = 0; for (const item of items) total += item.price;');
    expect(b.tokens.filter((t) => t !== ',')).toEqual(a.tokens.filter((t) => t !== ','));
    expect(c.tokens).not.toEqual(a.tokens);
    expect(a.tokens.slice(0, 4)).toEqual(['const', 'id', '=', 'id']);
  });

  test('each token keeps its place: rows and columns from 0', () => {
    const { tokens, places } = sourceTokens('if (x) {\n  return "y";\n}\n');
    expect(tokens).toEqual(['if', '(', 'id', ')', '{', 'return', '"s"', ';', '}']);
    expect(places[5]).toEqual([1, 2, 1, 8]);
    expect(places[8]).toEqual([2, 0, 2, 1]);
  });
});
