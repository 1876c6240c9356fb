// vitest global set-up of the integration tests: the machine-wide grade lock (/tmp/bch-grade.lock), taken once for
// the whole run. Grades measure time, and timing checks must not share the CPU with another grade: with the lock
// here, no test takes it itself, and other grades on the machine (a helper's, another checkout's) wait for the
// suite, as the suite waits for them.
// Under an outer `flock /tmp/bch-grade.lock …`, an ancestor of this process already holds it: then it is not
// taken again (that would wait for itself).
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';

const lockPath = '/tmp/bch-grade.lock';
/** How long to wait for other grades on the machine before failing, in seconds. */
const waitSeconds = 1200;

export default async function takeGradeLock(): Promise<() => void> {
  try {
    statSync(lockPath);
  } catch {
    writeFileSync(lockPath, '', { mode: 0o666 });
  }
  if (heldByAncestor()) return () => {};
  // The holder keeps the lock while its stdin is open, so it ends with this process however this process ends.
  const holder = spawn(
    'flock',
    ['-w', String(waitSeconds), '-E', '75', lockPath, process.execPath, '-e', "console.log('locked'); process.stdin.resume();"],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once('data', () => resolve());
    holder.once('error', (error) => reject(new Error(`could not run flock for ${lockPath}: ${error.message}`)));
    holder.once('exit', (code) =>
      reject(
        new Error(
          code === 75
            ? `waited ${waitSeconds / 60} minutes for ${lockPath} without getting it: other grades hold the machine; run the tests again when they are done`
            : `flock for ${lockPath} exited with ${code}`,
        ),
      ),
    );
  });
  return () => {
    holder.stdin.end();
  };
}

/** Whether a process this one descends from holds the lock (an outer `flock` around the test run). */
function heldByAncestor(): boolean {
  const inode = statSync(lockPath).ino;
  const holders = readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .flatMap((line) => {
      // "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF": the pid, then major:minor:inode.
      const match = /\bFLOCK\s+\S+\s+WRITE\s+(\d+)\s+[0-9a-f]+:[0-9a-f]+:(\d+)\s/.exec(line);
      return match && Number(match[2]) === inode ? [Number(match[1])] : [];
    });
  for (let pid = process.pid; pid > 1; pid = parentOf(pid)) if (holders.includes(pid)) return true;
  return false;
}

function parentOf(pid: number): number {
  try {
    return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
