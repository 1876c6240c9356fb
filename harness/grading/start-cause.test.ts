// Outputs as Node.js 24 and tsx print them, with the submission in /tmp/bch/run/g1/app.
import { describe, expect, test } from 'vitest';
import { startCause } from './start-cause.ts';

const app = '/tmp/bch/run/g1/app';
const stack = (frames: string[]) => frames.map((frame) => `    at ${frame}`).join('\n');

describe('startCause', () => {
  test("a compile error: esbuild's line, with the file, line and column", () => {
    const output = `node:internal/modules/run_main:107
    triggerUncaughtException(
    ^

Error: Transform failed with 1 error:
${app}/src/app.ts:5:2: ERROR: Expected identifier but found "."
${stack(Array.from({ length: 10 }, (_, i) => `frame${i} (/opt/harness/node_modules/esbuild/lib/main.js:${i}:1)`))} {
  name: 'TransformError'
}

Node.js v24.21.0`;
    expect(startCause(output, app)).toEqual({ line: 'Expected identifier but found "."', file: 'src/app.ts:5:2' });
  });

  test('a thrown error: its first line, and the first frame in the submission', () => {
    const output = `${app}/src/config.ts:2
if (!port) throw new Error("PORT is missing");
                 ^

Error: PORT is missing
${stack([`<anonymous> (${app}/src/config.ts:2:18)`, 'Module._compile (node:internal/modules/cjs/loader:1929:14)'])}`;
    expect(startCause(output, app)).toEqual({ line: 'Error: PORT is missing', file: 'src/config.ts:2:18' });
  });

  test('a missing module: the file that required it', () => {
    const output = `node:internal/modules/cjs/loader:1564
  const err = new Error(message);
              ^

Error: Cannot find module './missing.ts'
Require stack:
- ${app}/src/main.ts
${stack(['node:internal/modules/cjs/loader:1564:15', 'nextResolveSimple (/opt/harness/node_modules/tsx/dist/register.cjs:23:1010)'])}`;
    expect(startCause(output, app)).toEqual({ line: "Error: Cannot find module './missing.ts'", file: 'src/main.ts' });
  });

  test('an error with a code and no frame in the submission names no file; no error line, no cause', () => {
    expect(startCause(`Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'ioredis' imported from ${app}/src/x.ts\n`, app)).toEqual({
      line: "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'ioredis' imported from src/x.ts",
    });
    expect(startCause('listening on port 3000\nready\n', app)).toBeUndefined();
  });

  test('a long line is clipped', () => {
    expect(startCause(`Error: ${'x'.repeat(400)}`, app)?.line).toHaveLength(301);
  });
});
