import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { WorkerLimits, workerLimits } from './worker-limits.ts';

const moduleUrl = new URL('./worker-limits.ts', import.meta.url).href;

/** What a process that applied `limits.plan` to itself reports: its open-files line of /proc/self/limits and its cgroups. */
function childUnder(limits: WorkerLimits): { openFiles: string[]; cgroups: string } {
  const script = `const { applyWorkerLimits } = await import(${JSON.stringify(moduleUrl)});
applyWorkerLimits(${JSON.stringify(limits.plan)});
const fs = await import('node:fs');
const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\\n').find((l) => l.startsWith('Max open files'));
console.log(JSON.stringify({ openFiles: line.split(/\\s{2,}/).slice(1, 3), cgroups: fs.readFileSync('/proc/self/cgroup', 'utf8') }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('worker limits', () => {
  test('the worker lowers its open files (soft and hard) and joins a cgroup of its own', async () => {
    const limits = WorkerLimits.create(`worker-unit-${process.pid}`, { memoryBytes: 512 * 1024 ** 2, tasks: 512, openFiles: 300 });
    try {
      expect(limits.enforced, 'a cgroup (bch runs as root here)').toBe(true);
      const seen = childUnder(limits);
      expect(seen.openFiles).toEqual(['300', '300']);
      expect(seen.cgroups).toContain(`/bch/worker-unit-${process.pid}`);
      expect(limits.memoryLimitHit()).toBeUndefined();
    } finally {
      await limits.remove();
    }
  });

  test("V8's heap limit is the cgroup's figure, so that the cgroup, which also counts buffers, stops the worker first", () => {
    const limits = WorkerLimits.create(`worker-unit-heap-${process.pid}`);
    try {
      expect(limits.execArgv).toEqual([`--max-old-space-size=${workerLimits.memoryBytes / 1024 ** 2}`]);
      expect(limits.plan.openFiles).toBe(workerLimits.openFiles);
    } finally {
      void limits.remove();
    }
  });
});
