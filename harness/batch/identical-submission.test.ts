import { expect, test } from 'vitest';
import { identicalItems } from './identical-submission.ts';

test('an item whose content an earlier item has is identical to the first of them; unresolved git refs never are', () => {
  const items = [
    { id: 'alice', label: 'alice.zip', contentHash: 'h1' },
    { id: 'bob', label: 'bob.zip', contentHash: 'h2' },
    { id: 'carol', label: 'carol.zip', contentHash: 'h1' },
    { id: 'dan', label: 'dan.zip', contentHash: 'h1' },
    { id: 'eve', label: 'https://x/eve.git', contentHash: 'git-unresolved:1:0.5' },
    { id: 'fay', label: 'https://x/fay.git', contentHash: 'git-unresolved:1:0.5' },
  ];
  const twins = identicalItems(items);
  expect([...twins].map(([twin, original]) => [twin.id, original.id])).toEqual([
    ['carol', 'alice'],
    ['dan', 'alice'],
  ]);
});
