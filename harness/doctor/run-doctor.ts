// `bch doctor`: runs every check and returns the findings in a fixed order.
import type { Settings } from '../config/settings.ts';
import type { DoctorFinding, DoctorProbes } from './doctor-finding.ts';
import { checkCompose, checkDocker, checkImages } from './docker-checks.ts';
import { checkBubblewrap, checkDisk, checkLocalServices, checkNode, checkPasta, checkRegistry } from './machine-checks.ts';
import { serviceNames, type ServiceName } from '../services/service-registry.ts';

/** What the doctor looks at: the services of one challenge (all by default), and the grading sandbox unless
 * nothing here grades (a candidate kit, whose `bch test` and `bch dev` run the candidate's own code unsandboxed). */
export interface DoctorScope {
  services: readonly ServiceName[];
  sandbox: boolean;
}

const everything: DoctorScope = { services: serviceNames, sandbox: true };

export async function runDoctor(probes: DoctorProbes, settings: Settings, scope: DoctorScope = everything): Promise<DoctorFinding[]> {
  const notNeeded = async (check: string): Promise<DoctorFinding> => ({
    check,
    status: 'info',
    detail: 'not needed here: this kit runs your own code unsandboxed (bch test, bch dev); the grading machine needs it',
  });
  const [node, registry, local, bwrap, pasta, docker] = await Promise.all([
    checkNode(probes),
    checkRegistry(probes),
    checkLocalServices(probes, scope.services),
    scope.sandbox ? checkBubblewrap(probes) : notNeeded('bubblewrap'),
    scope.sandbox ? checkPasta(probes) : notNeeded('pasta'),
    checkDocker(probes, scope.services),
  ]);
  const dockerFindings: DoctorFinding[] = [docker.finding];
  let dockerRoot: string | undefined;
  if (docker.running) {
    dockerFindings.push(...(await checkImages(probes, settings, scope.services)), await checkCompose(probes));
    const root = await probes.run('docker', ['info', '--format', '{{.DockerRootDir}}']);
    dockerRoot = root.code === 0 ? root.stdout.trim() || undefined : undefined;
  }
  return [node, registry, ...dockerFindings, local, bwrap, pasta, ...checkDisk(probes, settings, dockerRoot)];
}

const symbols = { ok: '✓', info: '·', warn: '!', fail: '✗' } as const;

/** The findings as terminal lines, each problem followed by its fix. */
export function formatFindings(findings: readonly DoctorFinding[]): string {
  const width = Math.max(...findings.map((f) => f.check.length));
  const lines = findings.flatMap((f) => {
    const [first, ...rest] = f.detail.split('\n');
    return [
      `${symbols[f.status]} ${f.check.padEnd(width)}  ${first}`,
      ...rest.map((line) => `  ${' '.repeat(width)}  ${line}`),
      ...(f.fix && f.status !== 'ok' ? [`  ${' '.repeat(width)}  fix: ${f.fix}`] : []),
    ];
  });
  const problems = findings.filter((f) => f.status === 'fail').length;
  const warnings = findings.filter((f) => f.status === 'warn').length;
  lines.push(
    '',
    problems === 0
      ? `Ready to grade${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.`
      : `${problems} problem${problems === 1 ? '' : 's'} to fix (commands above).`,
  );
  return `${lines.join('\n')}\n`;
}
