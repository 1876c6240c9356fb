// The bubblewrap sandbox: a holder process (`sleep infinity`) in new pid, mount, IPC, UTS and network namespaces
// that sees only the app copy (writable), its dependencies and the files it must run (read-only), the system's
// /usr and a few /etc files, and a private /tmp. Its network is a loopback of its own: pasta forwards the ports
// of the endpoints it was opened for (its environment's URLs) to the host's loopback, and ports the candidate's
// processes chose the other way (pasta-forwarder.ts); an endpoint off the loopback is reached through a relay on
// it (loopback-relay.ts). The service's PORT is a socket of the host's loopback handed to it (listen-preload.ts). Candidate processes join those namespaces with nsenter and
// drop to an unprivileged user with setpriv; they join the sandbox's cgroup first. The namespace outlives
// any one process (a restarted service adopts the apps it started), and killing the holder's bwrap kills
// every process in it (pasta included): the kernel ends a pid namespace whose init dies.
import { spawn, type ChildProcess, type IOType, type StdioOptions } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { dirname, join, relative } from 'node:path';
import type { Stream } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../process/free-port.ts';
import { harnessNodeModules, tsxLoader } from '../process/harness-modules.ts';
import { killGroup } from '../process/process-group.ts';
import type { SandboxedChild, SpawnOptions } from '../process/process-host.ts';
import type { Endpoint } from './endpoints-of.ts';
import { listenFd, listenPreloadUrl } from './listen-preload.ts';
import { LoopbackRelays } from './loopback-relay.ts';
import { noSynCookies, type Forwards, startPasta } from './pasta-forwarder.ts';
import type { Sandbox } from './sandbox.ts';
import type { SandboxCgroup } from './sandbox-cgroup.ts';
import { formatBytes, harnessModulesMount, type SandboxPlan } from './sandbox-plan.ts';

const etcFiles = [
  'passwd',
  'group',
  'hosts',
  'nsswitch.conf',
  'host.conf',
  'resolv.conf',
  'gai.conf',
  'localtime',
  'protocols',
  'services',
  'ssl',
  'ca-certificates',
  'alternatives',
  'mime.types',
];
const openTimeoutMs = 10_000;

export class BwrapSandbox implements Sandbox {
  readonly mechanism = 'bwrap' as const;
  readonly loaderUrl: string;
  readonly nodePath = process.execPath;
  readonly #plan: SandboxPlan;
  readonly #holder: ChildProcess;
  readonly #initPid: number;
  readonly #cgroup: SandboxCgroup | undefined;
  readonly #registryFile: string;
  /** Relays on the host's loopback to the endpoints off it; the environment of every process names them. */
  readonly #relays: LoopbackRelays;
  /** Where pasta writes its pid files (its sign that the forwards are in place). */
  readonly #netDir: string;
  /** The network namespace's identity, e.g. "net:[4026532177]" (to recognize the sandbox of a process). */
  readonly netns: string;
  #forwarders = 0;
  /** Listening sockets of the host's loopback reserved by listenPort(), until a process is handed one. */
  readonly #listening = new Map<number, Server>();
  #destroyed: Promise<void> | undefined;
  #lastHit: string[] = [];

  private constructor(
    plan: SandboxPlan,
    holder: ChildProcess,
    initPid: number,
    cgroup: SandboxCgroup | undefined,
    registryFile: string,
    relays: LoopbackRelays,
  ) {
    this.#plan = plan;
    this.#relays = relays;
    this.#holder = holder;
    this.#initPid = initPid;
    this.#cgroup = cgroup;
    this.#registryFile = registryFile;
    // Beside the grade's process registry, in the grade's folder: removed with it whatever happens.
    this.#netDir = mkdtempSync(join(dirname(registryFile), '..', 'pasta-'));
    this.netns = readlinkSync(`/proc/${initPid}/ns/net`);
    this.loaderUrl = pathToFileURL(
      join(harnessModulesMount, relative(realpathSync(harnessNodeModules), realpathSync(fileURLToPath(tsxLoader)))),
    ).href;
  }

  /** The sandboxes this process opened and has not destroyed. */
  static readonly #open = new Set<BwrapSandbox>();

  /** The open sandbox that process `pid` (a host pid) runs in, if it is one of this process's. */
  static holding(pid: number): BwrapSandbox | undefined {
    let netns: string;
    try {
      netns = readlinkSync(`/proc/${pid}/ns/net`);
    } catch {
      return undefined;
    }
    return [...BwrapSandbox.#open].find((sandbox) => sandbox.netns === netns);
  }

  /** Starts the holder and waits until its namespaces are set up and the ports of `endpoints` are forwarded into its
   * network; records it in the grade's process registry. */
  static async open(
    plan: SandboxPlan,
    cgroup: SandboxCgroup | undefined,
    registryDir: string,
    endpoints: Endpoint[],
  ): Promise<BwrapSandbox> {
    // An endpoint off the loopback (a container named by the Docker bridge's address) is reached through a relay.
    const relays = await LoopbackRelays.start(endpoints);
    try {
      return await BwrapSandbox.#start(plan, cgroup, registryDir, relays, relays.reachable(endpoints));
    } catch (error) {
      await relays.close();
      throw error;
    }
  }

  static async #start(
    plan: SandboxPlan,
    cgroup: SandboxCgroup | undefined,
    registryDir: string,
    relays: LoopbackRelays,
    endpoints: Endpoint[],
  ): Promise<BwrapSandbox> {
    // bwrap writes its info (the namespace's init pid) before it has built the mounts; the holder prints a
    // line once it runs, that is once the sandbox is complete.
    const holder = spawn(
      'bwrap',
      [...bwrapArguments(plan), '--info-fd', '3', '--', '/bin/sh', '-c', 'echo ready && exec /usr/bin/sleep infinity'],
      {
        env: { PATH: '/usr/bin:/bin' },
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
        detached: true,
      },
    );
    const registryFile = join(registryDir, String(holder.pid));
    if (holder.pid !== undefined) writeFileSync(registryFile, '');
    let stderr = '';
    holder.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const info = holder.stdio[3] as NodeJS.ReadableStream;
    let text = '';
    let ready = false;
    const initPid = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bwrap did not set up the sandbox within ${openTimeoutMs / 1000} s`)), openTimeoutMs);
      const settle = () => {
        const match = /"child-pid":\s*(\d+)/.exec(text);
        if (match && ready) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      info.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        settle();
      });
      holder.stdout!.on('data', (chunk: Buffer) => {
        ready ||= chunk.toString().includes('ready');
        settle();
      });
      holder.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      holder.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`bwrap exited (${signal ?? `exit code ${code}`}) before the sandbox was ready: ${stderr.trim()}`));
      });
    }).catch((error: Error) => {
      if (holder.pid !== undefined) killGroup(holder.pid, 'SIGKILL');
      rmSync(registryFile, { force: true });
      throw error;
    });
    const sandbox = new BwrapSandbox(plan, holder, initPid, cgroup, registryFile, relays);
    BwrapSandbox.#open.add(sandbox);
    const outbound = [...new Set(endpoints.map((endpoint) => endpoint.port))];
    try {
      // Independent, and nothing connects before open() returns: side by side.
      await Promise.all([noSynCookies(initPid), outbound.length > 0 && sandbox.#forward({ inbound: [], outbound })]);
    } catch (error) {
      await sandbox.destroy();
      throw error;
    }
    return sandbox;
  }

  /** Binds `port` (or a free port) of the host's loopback and holds the listening socket for the next process
   * spawned with `listen` on it (listen-preload.ts): no forwarder between the harness and the service. */
  async listenPort(port?: number): Promise<number> {
    if (this.#destroyed) throw new Error('the sandbox was destroyed');
    if (port !== undefined && this.#listening.has(port)) return port;
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: port ?? 0, host: '127.0.0.1', exclusive: true }, resolve);
    });
    const bound = (server.address() as AddressInfo).port;
    this.#listening.set(bound, server);
    return bound;
  }

  /** A port of the host's loopback that leads to `port` inside the sandbox, where one of its processes listens. */
  expose(port: number): Promise<number> {
    return this.#forwardFreePort(() => port);
  }

  /** Forwards a free host port to the port `inside` chooses for it; another process may take the port between
   * freePort and pasta's bind, so up to 3 ports are tried. */
  async #forwardFreePort(inside: (hostPort: number) => number): Promise<number> {
    for (let attempt = 1; ; attempt += 1) {
      const hostPort = await freePort();
      try {
        await this.#forward({ inbound: [[hostPort, inside(hostPort)]], outbound: [] });
        return hostPort;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  #forward(forwards: Forwards): Promise<void> {
    if (this.#destroyed) return Promise.reject(new Error('the sandbox was destroyed'));
    this.#forwarders += 1;
    return startPasta(this.#initPid, forwards, `bch${this.#forwarders}`, this.#netDir);
  }

  /** Starts a process in the sandbox's namespaces, in its cgroup, as the unprivileged user; with `listen`, a node
   * process handed the socket listenPort() reserved, as descriptor 3, and the preload that listens on it. */
  spawn(argv: string[], options: SpawnOptions): SandboxedChild {
    let socket: Server | undefined;
    if (options.listen !== undefined) {
      socket = this.#listening.get(options.listen);
      if (!socket) throw new Error(`no socket was reserved for port ${options.listen}: call listenPort first`);
      this.#listening.delete(options.listen);
      argv = [argv[0], '--import', listenPreloadUrl(options.listen), ...argv.slice(1)];
    }
    const procsFiles = this.#cgroup?.procsFiles ?? [];
    const join = procsFiles.map((_, i) => `echo $$ > "$${i + 1}" && `).join('');
    const script = `${join}shift ${procsFiles.length} && exec "$@"`;
    const { uid, gid } = this.#plan;
    const command = [
      '/usr/bin/nsenter',
      `--target=${this.#initPid}`,
      '--pid',
      '--net',
      '--mount',
      '--ipc',
      '--uts',
      '--root',
      '--wd',
      '--',
      '/usr/bin/setsid',
      '/usr/bin/setpriv',
      `--reuid=${uid}`,
      `--regid=${gid}`,
      '--clear-groups',
      '--no-new-privs',
      '--inh-caps=-all',
      '--bounding-set=-all',
      '--',
      ...argv,
    ];
    // cwd: the shell exports PWD, which must name the app copy, not the harness's folder.
    const stdio = socket ? withListeningSocket(options.stdio, socket) : options.stdio;
    const child = spawn('/bin/sh', ['-c', script, 'sh', ...procsFiles, ...command], {
      cwd: this.#plan.appDir,
      env: this.#relays.rewrite(options.env),
      stdio,
      detached: true,
    });
    // The child holds its own copy of the socket now (or failed to start): the harness's copy goes.
    socket?.close();
    let candidatePid: number | undefined;
    const findCandidate = (): number | undefined => {
      if (candidatePid === undefined && child.pid !== undefined) {
        try {
          const first = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)[0];
          if (first) candidatePid = Number(first);
        } catch {
          // nsenter has exited
        }
      }
      return candidatePid;
    };
    const poll = setInterval(() => {
      if (findCandidate() !== undefined || child.exitCode !== null || child.signalCode !== null) clearInterval(poll);
    }, 5);
    child.once('exit', () => clearInterval(poll));
    return {
      child,
      signal: (signal) => {
        const pid = findCandidate();
        if (pid === undefined) {
          if (signal === 'SIGKILL' && child.pid !== undefined) killGroup(child.pid, signal);
          return;
        }
        try {
          process.kill(-pid, signal);
        } catch {
          try {
            process.kill(pid, signal);
          } catch {
            /* already gone */
          }
        }
      },
    };
  }

  limitsHit(): string[] {
    if (this.#destroyed) return this.#lastHit;
    const hit = [...(this.#cgroup?.limitsHit() ?? [])];
    if (this.#plan.enforced.disk && isFull(this.#plan.appDir))
      hit.push(`disk limit reached: the copy of your submission may hold ${formatBytes(this.#plan.limits.diskBytes)}`);
    if (isFull(`/proc/${this.#initPid}/root/tmp`))
      hit.push(`disk limit reached: /tmp may hold ${formatBytes(this.#plan.limits.diskBytes)}`);
    return hit;
  }

  destroy(): Promise<void> {
    this.#destroyed ??= (async () => {
      BwrapSandbox.#open.delete(this);
      this.#lastHit = this.limitsHit();
      const exited =
        this.#holder.exitCode !== null || this.#holder.signalCode !== null
          ? Promise.resolve()
          : new Promise((resolve) => this.#holder.once('exit', resolve));
      killGroup(this.#holder.pid!, 'SIGKILL');
      try {
        process.kill(this.#initPid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await exited;
      for (const server of this.#listening.values()) server.close();
      this.#listening.clear();
      await this.#relays.close();
      rmSync(this.#registryFile, { force: true });
      rmSync(this.#netDir, { recursive: true, force: true });
      await this.#cgroup?.remove();
    })();
    return this.#destroyed;
  }
}

/** stdio with the listening socket of `server` as descriptor listenFd (node exposes the descriptor on the handle
 * of a TCP server on Unix). */
function withListeningSocket(stdio: StdioOptions, server: Server): Array<IOType | 'ipc' | Stream | number | null | undefined> {
  const entries = typeof stdio === 'string' ? [stdio, stdio, stdio] : [...stdio];
  const fd = (server as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (entries.length !== listenFd || typeof fd !== 'number' || fd < 0)
    throw new Error(`the listening socket cannot be handed over as descriptor ${listenFd}`);
  return [...entries, fd];
}

/** bwrap's arguments for a plan: what the sandbox sees, in mount order. */
export function bwrapArguments(plan: SandboxPlan): string[] {
  const args = ['--die-with-parent', '--new-session', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try'];
  args.push('--unshare-net'); // a loopback of its own; pasta forwards the grade's ports (pasta-forwarder.ts)
  for (const dir of ['usr', 'bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32']) {
    const path = `/${dir}`;
    if (!existsSync(path)) continue;
    if (lstatSync(path).isSymbolicLink()) args.push('--symlink', readlinkRelative(path), path);
    else args.push('--ro-bind', path, path);
  }
  args.push('--perms', '0755', '--dir', '/etc');
  for (const name of etcFiles) args.push('--ro-bind-try', `/etc/${name}`, `/etc/${name}`);
  args.push('--proc', '/proc', '--dev', '/dev');
  args.push('--perms', '1777', '--size', String(plan.limits.diskBytes), '--tmpfs', '/tmp');
  const made = new Set(['/', '/usr', '/etc', '/proc', '/dev', '/tmp']);
  const parents = (path: string) => {
    const chain: string[] = [];
    for (let dir = dirname(path); !made.has(dir) && dir !== '/'; dir = dirname(dir)) chain.unshift(dir);
    for (const dir of chain) {
      made.add(dir);
      args.push('--perms', '0755', '--dir', dir);
    }
  };
  parents(plan.appDir);
  args.push('--bind', plan.appDir, plan.appDir);
  // tsx keeps its transform cache in $TMPDIR/tsx-<uid>: one per grade, in a folder the harness made outside the
  // copy (never a path of the candidate's tree), shared by the grade's sandboxes, or every start would compile again.
  args.push('--bind', plan.tsxCacheDir, `/tmp/tsx-${plan.uid}`);
  // Beside the copy, not in it: Node looks for packages in every parent folder's node_modules, and the harness
  // mounts nothing at a path of the candidate's tree (a link there would lead the mount elsewhere).
  args.push('--ro-bind', plan.nodeModulesDir, join(dirname(plan.appDir), 'node_modules'));
  parents(harnessModulesMount);
  args.push('--ro-bind', plan.loaderModulesDir, harnessModulesMount);
  // A script's module format comes from its nearest package.json ("type": "module"), so that comes along.
  const manifests = plan.readOnlyFiles.map(nearestPackageJson).filter((file): file is string => file !== undefined);
  for (const file of new Set([realpathSync(process.execPath), ...plan.readOnlyFiles, ...manifests])) {
    if (file.startsWith('/usr/')) continue;
    parents(file);
    args.push('--ro-bind', file, file);
  }
  args.push('--chdir', plan.appDir);
  return args;
}

/** The package.json that governs a file, if any. */
function nearestPackageJson(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'package.json');
    if (dir === '/') return undefined;
  }
}

function readlinkRelative(path: string): string {
  return realpathSync(path).replace(/^\//, '');
}

/** Whether a file system is (almost) full: less than 1 MiB free. */
function isFull(path: string): boolean {
  try {
    const stats = statfsSync(path);
    return stats.bavail * stats.bsize < 1024 * 1024;
  } catch {
    return false;
  }
}
