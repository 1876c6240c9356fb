import { afterEach, describe, expect, test } from 'vitest';
import { builtinReporters } from './builtin-reporters.ts';
import { LiveStatus } from './live-status.ts';
import type { TerminalReporter } from './terminal-reporter.ts';

let clock = 0;
let written = '';
const statuses: LiveStatus[] = [];
afterEach(() => {
  for (const status of statuses.splice(0)) status.stop();
  written = '';
});

/** A status line over a fake terminal of the given width, on a clock the test moves. */
function liveStatus(columns = 80): LiveStatus {
  const status = new LiveStatus({ write: (s: string) => (written += s), columns } as { write(s: string): unknown }, {
    now: () => clock,
    intervalMs: 60_000,
  });
  statuses.push(status);
  return status;
}

describe('LiveStatus', () => {
  test('shows the phase and the check with their elapsed times', () => {
    const status = liveStatus();
    clock = 0;
    status.phase('alice: tests');
    clock = 4000;
    status.check('lru-ttl');
    clock = 6500;
    expect(status.text()).toBe('… alice: tests 6.5 s · lru-ttl 2.5 s');
    status.check(undefined);
    expect(status.text()).toBe('… alice: tests 6.5 s');
  });

  test('log lines go above the status line, which is redrawn after them and removed at the end', () => {
    const status = liveStatus();
    clock = 0;
    status.phase('prepare');
    written = '';
    status.write('  ✓ prepare   20 ms\n');
    expect(written).toBe('\r\x1b[2K  ✓ prepare   20 ms\n\r\x1b[2K… prepare 0 ms');
    written = '';
    status.stop();
    expect(written).toBe('\r\x1b[2K');
  });

  test('a status line never wraps: it is cut to the terminal width', () => {
    const status = liveStatus(20);
    status.phase('a-very-long-submission-name: tests');
    expect(written.split('\x1b[2K').at(-1)).toHaveLength(19);
  });
});

describe('terminal reporter modes', () => {
  test('live only on a TTY outside CI; plain lines when piped or in CI', () => {
    let text = '';
    const piped = builtinReporters.terminal({ out: { write: (s: string) => (text += s) }, env: {}, color: false }) as TerminalReporter;
    piped.onPhase({ submission: 's', phase: 'tests', state: 'start' });
    piped.onCheckStart('s', { id: 'lru-ttl', title: 'TTL' });
    expect(text).toBe('');
    let ci = '';
    const inCi = builtinReporters.terminal({
      out: { write: (s: string) => (ci += s), isTTY: true } as { write(s: string): unknown },
      env: { CI: 'true' },
      color: false,
    }) as TerminalReporter;
    inCi.onPhase({ submission: 's', phase: 'tests', state: 'start' });
    expect(ci).toBe('');
    let onTty = '';
    const reporter = builtinReporters.terminal({
      out: { write: (s: string) => (onTty += s), isTTY: true } as { write(s: string): unknown },
      env: {},
      color: false,
    }) as TerminalReporter;
    reporter.onPhase({ submission: 's', phase: 'tests', state: 'start' });
    reporter.onCheckStart('s', { id: 'lru-ttl', title: 'TTL' });
    expect(onTty).toMatch(/\r\x1b\[2K… s: tests \d+ ms · lru-ttl \d+ ms$/); // elapsed times: a slow machine may show 1 ms
    reporter.onRunEnd({ grades: [], servicesMs: 0, durationMs: 0 });
  });
});
