import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { Teardown } from './teardown.ts';

test('runs steps last-in first-out, once, and reports failures without stopping', async () => {
  const order: string[] = [];
  const teardown = new Teardown();
  teardown.add('first', () => {
    order.push('first');
  });
  teardown.add('broken', () => {
    throw new Error('boom');
  });
  teardown.add('last', async () => {
    order.push('last');
  });
  const [a, b] = await Promise.all([teardown.run(), teardown.run()]);
  expect(order).toEqual(['last', 'first']);
  expect(a).toEqual(['broken: boom']);
  expect(b).toBe(a);
  expect(await teardown.run()).toEqual([]);
});

// With testcontainers loaded (proper-lockfile installs signal-exit's handlers) and another listener that exits
// at once (vitest's logger does), a signal still lets a slow asynchronous teardown finish, then exits 128 + the
// signal's number.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  test(`${signal}: the asynchronous teardown finishes before the exit (${code}), with testcontainers loaded`, async () => {
    // As in a run: the handlers first, testcontainers later (when the services start), so signal-exit's listener comes after bch's.
    const script = `const { Teardown, runTeardownOnSignals } = await import(${JSON.stringify(new URL('./teardown.ts', import.meta.url).pathname)});
const teardown = new Teardown();
teardown.add('slow', async () => { await new Promise((resolve) => setTimeout(resolve, 1500)); console.log('teardown finished'); });
runTeardownOnSignals(teardown, (line) => console.log(line.trim()));
await import('testcontainers');
// Like vitest's logger while the tests run: another listener that exits right away.
process.once('SIGINT', () => setTimeout(() => process.exit(), 1));
process.once('SIGTERM', () => setTimeout(() => process.exit(), 1));
console.log('ready');
setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: import.meta.dirname,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    await new Promise<void>((resolve) => child.stdout.on('data', () => output.includes('ready') && resolve()));
    child.kill(signal);
    const exit = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(output).toContain('teardown finished');
    expect(exit).toBe(code);
  });
}
