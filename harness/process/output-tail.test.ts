import { expect, test } from 'vitest';
import { OutputTail } from './output-tail.ts';

test('keeps everything under the limit', () => {
  const tail = new OutputTail(10);
  tail.push(Buffer.from('abc'));
  tail.push(Buffer.from('def'));
  expect(tail.text()).toBe('abcdef');
});

test('keeps only the last bytes of a flood and says how much was dropped', () => {
  const tail = new OutputTail(8);
  for (let i = 0; i < 1000; i += 1) tail.push(Buffer.from('0123456789'));
  expect(tail.text()).toBe('[… 9992 earlier bytes not kept]\n23456789');
});
