// A container that resembles GitHub's hosted runner (ubuntu-latest) as far as the grading workflows rely on it:
// a non-root `runner` user (uid 1001) with passwordless sudo, git, curl and the Docker CLI talking to the host's
// engine, and no bubblewrap or passt (the workflow installs them). Built once from the local Debian base, tagged
// by a hash of its Dockerfile, and reused; each job gets a fresh container, removed whatever happens.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The base every rehearsal image starts from: a debootstrap Debian 12 (scripts/setup.sh builds it). */
const baseImage = 'bch-local/debian:bookworm';

/** The runner image's Dockerfile; `dockerGid` is the group of the host's Docker socket, so `runner` may use it. */
export function runnerDockerfile(dockerGid: number): string {
  return [
    `FROM ${baseImage}`,
    // No apt lists are kept, as a workflow that installs packages must run apt-get update first on GitHub too.
    'RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends sudo git ca-certificates curl xz-utils docker.io \\',
    '    && rm -rf /var/lib/apt/lists/* \\',
    '    && ! command -v bwrap && ! command -v pasta',
    `RUN (getent group ${dockerGid} || groupadd -g ${dockerGid} docker-host) \\`,
    `    && useradd -m -u 1001 -s /bin/bash -G "$(getent group ${dockerGid} | cut -d: -f1)" runner \\`,
    "    && echo 'runner ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/runner && chmod 0440 /etc/sudoers.d/runner",
    '',
  ].join('\n');
}

/** Builds the runner image unless a previous run did (the tag is the Dockerfile's hash); returns its tag. */
export async function ensureRunnerImage(): Promise<string> {
  const dockerfile = runnerDockerfile(statSync('/var/run/docker.sock').gid);
  const tag = `bch-local/github-runner:${createHash('sha256').update(dockerfile).digest('hex').slice(0, 12)}`;
  if (
    await run('docker', ['image', 'inspect', tag]).then(
      () => true,
      () => false,
    )
  )
    return tag;
  await run('docker', ['image', 'inspect', baseImage]).catch(() => {
    throw new Error(`The base image ${baseImage} is missing: run bash scripts/setup.sh, which builds it where no registry is reachable.`);
  });
  await new Promise<void>((resolve, reject) => {
    const build = spawn('docker', ['build', '--network', 'host', '-t', tag, '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    build.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    build.on('error', reject);
    build.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`docker build of the runner image ${tag} failed (${code}):\n${stderr.slice(-3000)}`)),
    );
    build.stdin.end(dockerfile);
  });
  return tag;
}

/** What one command in the container gave. */
export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** One fresh runner container: started detached, commands run in it with `docker exec`, removed by `remove()`. */
export class RunnerContainer {
  readonly id: string;

  private constructor(id: string) {
    this.id = id;
  }

  /**
   * Starts a container of `image` with the host's Docker socket. As good as privileged, and on the host's network,
   * because a GitHub runner is a whole VM: namespaces and cgroups work there (bubblewrap and the sandbox's limits
   * need them), and the ports that testcontainers maps are on the runner's own localhost, as they are here only
   * with --network host. Not `--privileged` itself: this machine's engine lacks CAP_SYS_RESOURCE and refuses it
   * ("unable to apply caps"), so every other capability, no seccomp or AppArmor profile, all devices allowed, the
   * cgroup tree writable and /dev/net/tun.
   */
  static async start(image: string, labels: Record<string, string>, extraArgs: string[] = []): Promise<RunnerContainer> {
    const labelArgs = Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
    const { stdout } = await run('docker', [
      'run',
      '-d',
      '--cap-add',
      'ALL',
      '--cap-drop',
      'SYS_RESOURCE',
      '--security-opt',
      'seccomp=unconfined',
      '--security-opt',
      'apparmor=unconfined',
      '--security-opt',
      'systempaths=unconfined',
      '--device-cgroup-rule',
      'a *:* rwm',
      '-v',
      '/sys/fs/cgroup:/sys/fs/cgroup:rw',
      // pasta (the sandbox's port forwarder) opens a tun device, which a VM has and a container only when given.
      '--device',
      '/dev/net/tun',
      '--network',
      'host',
      '-v',
      '/var/run/docker.sock:/var/run/docker.sock',
      ...labelArgs,
      ...extraArgs,
      image,
      'sleep',
      'infinity',
    ]);
    return new RunnerContainer(stdout.trim());
  }

  /** Runs `argv` in the container (as `user`, in `cwd`, with `env`); never rejects on a non-zero exit. */
  exec(
    argv: string[],
    options: { user?: string; cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
  ): Promise<ExecResult> {
    const args = ['exec', '-u', options.user ?? 'runner'];
    if (options.cwd) args.push('-w', options.cwd);
    for (const [name, value] of Object.entries(options.env ?? {})) args.push('-e', `${name}=${value}`);
    args.push(this.id, ...argv);
    return new Promise((resolve) => {
      const child = spawn('docker', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk;
      });
      const timer = options.timeoutMs
        ? setTimeout(() => {
            stderr += `\n[rehearsal] killed after ${options.timeoutMs} ms`;
            child.kill('SIGKILL');
          }, options.timeoutMs)
        : undefined;
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr });
      });
    });
  }

  /** Runs `argv` and throws, with its output, unless it exits 0. */
  async must(argv: string[], options: Parameters<RunnerContainer['exec']>[1] = {}): Promise<string> {
    const result = await this.exec(argv, options);
    if (result.exitCode !== 0)
      throw new Error(`${argv.join(' ')} failed in the runner container (exit ${result.exitCode}):\n${result.stderr.slice(-3000)}`);
    return result.stdout;
  }

  /** Copies a host path into the container (`docker cp -L`: links on the host are followed). */
  async copyIn(hostPath: string, containerPath: string): Promise<void> {
    await run('docker', ['cp', '-L', hostPath, `${this.id}:${containerPath}`], { maxBuffer: 16 * 1024 * 1024 });
  }

  /** Copies a container path out to the host. */
  async copyOut(containerPath: string, hostPath: string): Promise<void> {
    await run('docker', ['cp', `${this.id}:${containerPath}`, hostPath], { maxBuffer: 16 * 1024 * 1024 });
  }

  /** Removes the container and what runs in it. */
  async remove(): Promise<void> {
    await run('docker', ['rm', '-f', '-v', this.id]).catch(() => undefined);
  }
}
