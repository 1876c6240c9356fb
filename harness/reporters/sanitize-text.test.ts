import { describe, expect, test } from 'vitest';
import { sanitizeText } from './sanitize-text.ts';

describe('sanitizeText', () => {
  test('removes a clear-screen sequence and colours, keeps the words', () => {
    expect(sanitizeText('boom\u001b[2J\u001b[H\u001b[32mScore 100/100 PASS\u001b[0m')).toBe('boomScore 100/100 PASS');
  });

  test('removes OSC sequences (window title, hyperlinks), with BEL or ST as terminator', () => {
    expect(sanitizeText('a\u001b]0;pwned\u0007b')).toBe('ab');
    expect(sanitizeText('\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\')).toBe('link');
  });

  test('turns carriage returns into newlines, so a line cannot be overwritten in place', () => {
    expect(sanitizeText('real error\rScore 100/100 PASS')).toBe('real error\nScore 100/100 PASS');
    expect(sanitizeText('a\r\nb')).toBe('a\nb');
  });

  test('drops raw ESC bytes, other C0 and C1 controls (8-bit CSI included), DEL and bidi overrides', () => {
    // ESC y and the 8-bit CSI 2J are whole escape sequences; the rest are single bytes.
    expect(sanitizeText('x\u001by\u0000z\u0008\u007f\u009b2J\u0085w')).toBe('xzw');
    expect(sanitizeText('end\u001b')).toBe('end');
    expect(sanitizeText('\u0001\u001f\u0080a')).toBe('a');
    expect(sanitizeText('abc\u202edcba\u2066e\u2069')).toBe('abcdcbae');
  });

  test('keeps newlines, tabs and ordinary Unicode', () => {
    expect(sanitizeText('line 1\n\tline 2 ✓ é 漢')).toBe('line 1\n\tline 2 ✓ é 漢');
  });
});
