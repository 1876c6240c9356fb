// Doctor checks of the machine: Node.js (this one, and the one new shells get), the npm registry, the usual local
// services, bubblewrap and pasta (the grading sandbox and its network), and free disk.
import type { Settings } from '../config/settings.ts';
import type { DoctorFinding, DoctorProbes } from './doctor-finding.ts';
import { setupScript } from './docker-checks.ts';
import { usualLocalServices } from '../services/local-services.ts';
import { serviceNames, type ServiceName } from '../services/service-registry.ts';

const minimumNode = [22, 22] as const;
const gib = 1024 ** 3;

function nodeRecentEnough(version: string): boolean {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > minimumNode[0] || (major === minimumNode[0] && minor >= minimumNode[1]);
}

/** The Node.js running bch, and the `node` a new shell finds on PATH. */
export async function checkNode(probes: DoctorProbes, running = process.version): Promise<DoctorFinding> {
  const onPath = await probes.run('node', ['--version']);
  const pathVersion = onPath.code === 0 ? onPath.stdout.trim() : undefined;
  const fix = `${setupScript} (puts Node.js 24 on PATH), or: nvm install (reads .nvmrc)`;
  if (!nodeRecentEnough(running)) return { check: 'Node.js', status: 'fail', detail: `${running} runs bch; it needs 22.22 or newer`, fix };
  if (pathVersion === undefined || !nodeRecentEnough(pathVersion)) {
    return {
      check: 'Node.js',
      status: 'warn',
      detail: `${running} runs bch, but \`node\` on PATH is ${pathVersion ?? 'missing'}: a new shell cannot run bch`,
      fix,
    };
  }
  return { check: 'Node.js', status: 'ok', detail: `${running} (needs 22.22 or newer)` };
}

/** The npm registry answers (npm ci, and a submission's own dependencies). */
export async function checkRegistry(probes: DoctorProbes): Promise<DoctorFinding> {
  const configured = await probes.run('npm', ['config', 'get', 'registry']);
  const registry = configured.code === 0 && configured.stdout.trim() ? configured.stdout.trim() : 'https://registry.npmjs.org/';
  const status = await probes.httpStatus(new URL('-/ping', registry.endsWith('/') ? registry : `${registry}/`).href);
  if (status !== undefined && status < 500) return { check: 'npm registry', status: 'ok', detail: `${registry} answers` };
  return {
    check: 'npm registry',
    status: 'fail',
    detail: `${registry} does not answer${status ? ` (HTTP ${status})` : ''}`,
    fix: 'npm config set registry <a registry you can reach>  (or set HTTPS_PROXY)',
  };
}

/** Which usual local services answer: a way to grade without Docker, used only when asked. */
export async function checkLocalServices(probes: DoctorProbes, services: readonly ServiceName[] = serviceNames): Promise<DoctorFinding> {
  const candidates = usualLocalServices.filter((s) => services.includes(s.service));
  const answers = await Promise.all(candidates.map((s) => probes.portAnswers(s.port)));
  const found = candidates.filter((_, i) => answers[i]);
  if (found.length === 0) return { check: 'local services', status: 'info', detail: 'none on 5432, 6379, 5672 (not needed with Docker)' };
  return {
    check: 'local services',
    status: 'info',
    detail: `${found.map((s) => `${s.service} on :${s.port}`).join(', ')}; to grade against them: --services external ${found.map((s) => s.flags).join(' ')}`,
  };
}

/** bubblewrap, which the grading sandbox runs candidate processes in. */
export async function checkBubblewrap(probes: DoctorProbes): Promise<DoctorFinding> {
  const version = await probes.run('bwrap', ['--version']);
  if (version.code !== 0)
    return {
      check: 'bubblewrap',
      status: 'fail',
      detail: 'bwrap is not installed (the grading sandbox needs it)',
      fix: 'sudo apt-get install -y bubblewrap',
    };
  const sandbox = await probes.run('bwrap', ['--ro-bind', '/', '/', 'true']);
  if (sandbox.code !== 0) {
    return {
      check: 'bubblewrap',
      status: 'fail',
      detail: `${version.stdout.trim()} cannot make a sandbox: ${sandbox.stderr.trim().split('\n')[0]}`,
      fix: 'sudo sysctl -w kernel.unprivileged_userns_clone=1 (or run bch as a user allowed to create namespaces)',
    };
  }
  if (probes.uid() !== 0)
    return {
      check: 'bubblewrap',
      status: 'warn',
      detail: `${version.stdout.trim()} runs, but bch is not root here, so \`bch grade\` refuses (BCH_NO_SANDBOX): the sandbox runs candidate code as nobody with memory and process limits, which needs root (Ubuntu 23.10 and later also restrict unprivileged user namespaces through AppArmor; root is not restricted)`,
      fix: 'sudo -E env "PATH=$PATH" npx bch grade … (as the workflow of `bch ci github` does), or grade on a disposable machine or container as root',
    };
  return {
    check: 'bubblewrap',
    status: 'ok',
    detail: `${version.stdout.trim()} makes a sandbox; grades run as root, candidate code as nobody`,
  };
}

/** pasta (Debian's passt), which forwards the grade's ports into the sandbox's own network namespace. */
export async function checkPasta(probes: DoctorProbes): Promise<DoctorFinding> {
  const fix = 'sudo apt-get install -y passt';
  if ((await probes.run('pasta', ['--version'])).code !== 0)
    return { check: 'pasta', status: 'fail', detail: "pasta is not installed (the sandbox's network needs it)", fix };
  const netns = await probes.run('bwrap', ['--ro-bind', '/', '/', '--unshare-net', 'true']);
  if (netns.code !== 0)
    return {
      check: 'pasta',
      status: 'fail',
      detail: `bwrap cannot make a network namespace: ${netns.stderr.trim().split('\n')[0]}`,
      fix: 'allow network namespaces (root, or a user allowed to create user namespaces)',
    };
  return { check: 'pasta', status: 'ok', detail: "installed; the sandbox gets a network of its own, with only the grade's ports" };
}

/** Free space where bch works and caches, and where Docker keeps images. */
export function checkDisk(probes: DoctorProbes, settings: Settings, dockerRoot: string | undefined): DoctorFinding[] {
  const places = [
    ['work folder', settings.workRoot],
    ['cache folder', settings.cacheDir],
    ...(dockerRoot ? [['Docker data', dockerRoot]] : []),
  ];
  return places.map(([label, path]) => {
    const free = probes.freeBytes(path);
    const detail = `${(free / gib).toFixed(1)} GiB free at ${path}`;
    if (free >= 5 * gib) return { check: `disk (${label})`, status: 'ok' as const, detail };
    return {
      check: `disk (${label})`,
      status: free < 2 * gib ? ('fail' as const) : ('warn' as const),
      detail: `${detail} (5 GiB advised)`,
      fix: 'npx bch clean && docker system prune -f, then free space on that disk',
    };
  });
}
