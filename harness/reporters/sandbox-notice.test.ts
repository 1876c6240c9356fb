import { expect, test } from 'vitest';
import { sampleGrade } from './fixtures/sample-grade.ts';
import { toJsonReport } from './json-report.ts';
import { toMarkdownSummary } from './markdown-summary.ts';
import { sandboxNotice } from './sandbox-notice.ts';

test('a sandboxed grade names the mechanism and its limits', () => {
  expect(sandboxNotice(sampleGrade())).toEqual({
    sandboxed: true,
    text: 'sandboxed (bwrap: memory 1 GiB, 256 processes and threads, disk 1 GiB)',
  });
  expect(toJsonReport(sampleGrade()).sandbox).toEqual({
    mechanism: 'bwrap',
    memory_bytes: 1024 ** 3,
    tasks: 256,
    disk_bytes: 1024 ** 3,
    enforced: { memory: true, tasks: true, disk: true },
  });
});

test('an unsandboxed grade says so plainly in every format', () => {
  const grade = sampleGrade({ sandbox: { mechanism: 'none' } });
  expect(sandboxNotice(grade).sandboxed).toBe(false);
  expect(toMarkdownSummary(grade)).toContain('> **Warning:** UNSANDBOXED (--sandbox none)');
  expect(toJsonReport(grade).sandbox).toEqual({ mechanism: 'none' });
});

test('limits this machine could not enforce are marked', () => {
  const grade = sampleGrade({
    sandbox: {
      mechanism: 'bwrap',
      limits: { memoryBytes: 512 * 1024 ** 2, tasks: 128, diskBytes: 1024 ** 3 },
      enforced: { memory: false, tasks: true, disk: false },
    },
  });
  expect(sandboxNotice(grade).text).toBe(
    'sandboxed (bwrap: memory 512 MiB (not enforced), 128 processes and threads, disk 1 GiB (copy not limited))',
  );
});
