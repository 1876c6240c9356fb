// Port forwarding between this machine's loopback and a sandbox's network namespace, by pasta (Debian's
// `passt` package): `outbound` ports of the namespace's loopback lead to the same ports on the host's loopback
// (the grade's services and helper servers); `inbound` host ports lead to ports in the namespace (the
// candidate's service). Only TCP, only those ports: pasta's tap interface stays down and unaddressed, so
// nothing else leaves the namespace. pasta runs in the sandbox's pid namespace (it ends with the sandbox)
// and isolates itself (seccomp, an empty root, no capabilities beyond binding).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const pastaPath = '/usr/bin/pasta';

export interface Forwards {
  /** [host port, namespace port]: the harness connects to 127.0.0.1:<host port>. */
  inbound: Array<[number, number]>;
  /** Ports of 127.0.0.1 and ::1 in the namespace that lead to the same ports of the host's loopback. */
  outbound: number[];
}

const readyTimeoutMs = 10_000;

/** pasta's command line for a namespace (given by the pid of a process in it) and its forwards. */
export function pastaArguments(nsPid: number, forwards: Forwards, ifname: string, pidFile: string): string[] {
  const inbound = forwards.inbound.map(([host, ns]) => `127.0.0.1/${host}:${ns}`).join(',') || 'none';
  const outbound = forwards.outbound.join(',') || 'none';
  return [
    ...['--foreground', '--quiet', '--runas', '0', '--pid', pidFile],
    ...['--netns', `/proc/${nsPid}/ns/net`, '--ns-ifname', ifname],
    ...['--tcp-ports', inbound, '--tcp-ns', outbound, '--udp-ports', 'none', '--udp-ns', 'none'],
    ...['--no-icmp', '--no-dhcp', '--no-dhcpv6', '--no-ndp', '--no-ra', '--no-map-gw'],
  ];
}

/** Turns SYN cookies off in the namespace. pasta accepts on the namespace side with a backlog of 128; past it, the
 * kernel answers with a cookie, and a cookie connection that then finds the accept queue full is dropped without a
 * trace: the connecting side keeps an established connection nobody will ever answer (measured: 1,500 connections
 * at once left 154 such phantoms open forever in the candidate's process, none of them reaching the server). Without
 * cookies a SYN past the backlog is dropped and sent again, as on any busy server, and every connection either
 * completes end to end or fails. The setting belongs to the namespace. */
export async function noSynCookies(nsPid: number): Promise<void> {
  await promisify(execFile)(
    '/usr/bin/nsenter',
    [`--target=${nsPid}`, '--net', '--', '/bin/sh', '-c', 'echo 0 > /proc/sys/net/ipv4/tcp_syncookies'],
    { env: { PATH: '/usr/bin:/bin' }, timeout: readyTimeoutMs },
  );
}

/** Starts pasta for the namespace of `nsPid`, inside that process's pid namespace, and waits until its forwards
 * are in place. Fails (with pasta's own message) when a host port cannot be bound. */
export async function startPasta(nsPid: number, forwards: Forwards, ifname: string, workDir: string): Promise<void> {
  const pidFile = join(workDir, `${ifname}.pid`);
  rmSync(pidFile, { force: true });
  const child = spawn(
    '/usr/bin/nsenter',
    [`--target=${nsPid}`, '--pid', '--', pastaPath, ...pastaArguments(nsPid, forwards, ifname, pidFile)],
    { env: { PATH: '/usr/bin:/bin' }, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  let exit: string | undefined;
  child.once('exit', (code, signal) => {
    exit = signal ? `signal ${signal}` : `exit code ${code}`;
  });
  child.once('error', (error) => {
    exit = error.message;
  });
  child.unref();
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (readPid(pidFile)) return;
    const message = stderr
      .split('\n')
      .filter((line) => line && !line.startsWith('Failed to send'))
      .join('; ');
    if (exit) throw new Error(`pasta could not set up the sandbox's ports (${exit}): ${message || 'no message'}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`pasta did not set up the sandbox's ports within ${readyTimeoutMs / 1000} s`);
    }
    await sleep(2);
  }
}

function readPid(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').trim() !== '';
  } catch {
    return false;
  }
}
