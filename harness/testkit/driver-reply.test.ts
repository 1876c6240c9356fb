import { describe, expect, test } from 'vitest';
import { parseDriverReply } from './driver-reply.ts';

describe('parseDriverReply', () => {
  test('a reply with a value, and a reply with an error, are replies', () => {
    expect(parseDriverReply({ id: 3, ok: true, value: [1, null] })).toEqual({ id: 3, ok: true, value: [1, null] });
    expect(parseDriverReply({ id: 4, ok: true })).toEqual({ id: 4, ok: true });
    expect(parseDriverReply({ id: 5, ok: false, error: 'RangeError: no' })).toEqual({ id: 5, ok: false, error: 'RangeError: no' });
  });

  test.each([
    ['null', null],
    ['text', 'not a reply'],
    ['a number', 42],
    ['an array', []],
    ['an empty object', {}],
    ['an id that is not a number', { id: 'x', ok: true, value: 1 }],
    ['an id that is not a call id', { id: 0.5, ok: true, value: 1 }],
    ['no ok', { id: 1, value: 1 }],
    ['an error that is not text', { id: 1, ok: false, error: { toString: 1 } }],
  ])('%s is not a reply', (_, message) => {
    expect(parseDriverReply(message)).toBeUndefined();
  });
});
