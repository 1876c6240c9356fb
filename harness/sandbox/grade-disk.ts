// The disk a grade's submission copy may use: a size-limited tmpfs mounted on the copy's folder (root only),
// handed to the sandbox's unprivileged user. Without root the copy lives on the work folder's disk, unlimited.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

/** Mounts a tmpfs of `bytes` on `dir` (created if needed); false when this process may not mount. */
export function mountGradeDisk(dir: string, bytes: number): boolean {
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() !== 0) return false;
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0755,nosuid,nodev`, 'bch-grade', dir], { encoding: 'utf8' });
  return result.status === 0;
}

/** Unmounts it (lazily: a process still holding a file there does not keep it mounted). */
export function unmountGradeDisk(dir: string): void {
  spawnSync('umount', ['-l', dir], { encoding: 'utf8' });
}

/** Gives a folder tree to the sandbox's user (the harness, as root, can still read it). */
export function handOver(dir: string, uid: number, gid: number): void {
  const result = spawnSync('chown', ['-R', '--no-dereference', `${uid}:${gid}`, dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`could not hand ${dir} to the sandbox user: ${result.stderr.trim()}`);
}

/** Unmounts every file system mounted under `dir` (a dead run's grade disks), deepest first; returns how many. */
export function unmountAllUnder(dir: string): number {
  let mounts: string[] = [];
  try {
    mounts = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[1]?.replace(/\\040/g, ' '))
      .filter((m): m is string => !!m && m.startsWith(`${dir}/`));
  } catch {
    return 0;
  }
  for (const mount of mounts.sort((a, b) => b.length - a.length)) unmountGradeDisk(mount);
  return mounts.length;
}
