// Whether the bubblewrap sandbox can run on this machine, and why not: checked once per process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pastaPath } from './pasta-forwarder.ts';

export type SandboxAvailability = { available: true } | { available: false; reason: string; fix: string };

let cached: SandboxAvailability | undefined;

/** Checks for root (to drop to an unprivileged user and set limits), the tools, and a trial sandbox. */
export function detectSandbox(): SandboxAvailability {
  cached ??= probe();
  return cached;
}

function probe(): SandboxAvailability {
  if (process.platform !== 'linux')
    return {
      available: false,
      reason: `the sandbox needs Linux namespaces (this is ${process.platform})`,
      fix: 'grade on a Linux machine or in a Linux container',
    };
  if (process.getuid?.() !== 0) {
    return {
      available: false,
      reason:
        'the sandbox needs root, to run candidate code as an unprivileged user with memory and process limits (and Ubuntu 23.10 and later restrict unprivileged user namespaces through AppArmor; root is not restricted)',
      fix: 'run it as root: sudo -E env "PATH=$PATH" npx bch grade … (the workflow of `bch ci github` does this on GitHub-hosted runners), or grade on a disposable machine or container as root',
    };
  }
  // pasta (Debian's passt) forwards the grade's ports into the sandbox's own network namespace.
  const missing = ['/usr/bin/bwrap', '/usr/bin/nsenter', '/usr/bin/setpriv', '/usr/bin/setsid', pastaPath].filter(
    (tool) => !existsSync(tool),
  );
  if (missing.length > 0)
    return { available: false, reason: `missing ${missing.join(', ')}`, fix: 'apt-get install -y bubblewrap util-linux passt' };
  const trial = spawnSync('/usr/bin/bwrap', ['--ro-bind', '/', '/', '--unshare-pid', '--unshare-net', '--die-with-parent', '/bin/true'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (trial.status !== 0) {
    return {
      available: false,
      reason: `bwrap cannot create namespaces here: ${(trial.stderr || trial.error?.message || `exit code ${trial.status}`).trim()}`,
      fix: 'allow namespaces (e.g. run the container with --privileged or a seccomp profile that permits unshare)',
    };
  }
  return { available: true };
}
