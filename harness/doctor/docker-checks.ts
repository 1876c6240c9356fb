// Doctor checks of Docker: the engine, the service images (pinned, or the set-up's local stand-ins), and Compose v2.
import { readImageMap } from '../config/image-map.ts';
import { serviceNames, type ServiceName } from '../services/service-registry.ts';
import type { Settings } from '../config/settings.ts';
import type { DoctorFinding, DoctorProbes } from './doctor-finding.ts';
import { localServicesAdvice, usualLocalServices } from '../services/local-services.ts';

export const setupScript = 'bash scripts/setup.sh';
const dockerHub = 'https://registry-1.docker.io/v2/';

/** Whether the Docker engine answers, and how to get one when it does not. */
export async function checkDocker(
  probes: DoctorProbes,
  services: readonly ServiceName[] = serviceNames,
): Promise<{ finding: DoctorFinding; running: boolean }> {
  const cli = await probes.run('docker', ['--version']);
  if (cli.code === -1) {
    return {
      running: false,
      finding: {
        check: 'Docker',
        status: 'fail',
        detail: 'the docker command is not installed',
        fix: `sudo apt-get install -y docker.io (Debian/Ubuntu; elsewhere https://docs.docker.com/engine/install/), or ${setupScript}`,
      },
    };
  }
  const info = await probes.run('docker', ['info', '--format', '{{.ServerVersion}}']);
  if (info.code === 0) return { running: true, finding: { check: 'Docker', status: 'ok', detail: `engine ${info.stdout.trim()} answers` } };
  const where = probes.env.DOCKER_HOST ? ` at DOCKER_HOST=${probes.env.DOCKER_HOST}` : '';
  const candidates = usualLocalServices.filter((s) => services.includes(s.service));
  const answers = await Promise.all(candidates.map((s) => probes.portAnswers(s.port)));
  const local = localServicesAdvice(
    candidates.filter((_, i) => answers[i]),
    services,
  );
  return {
    running: false,
    finding: {
      check: 'Docker',
      status: 'fail',
      detail: `the engine does not answer${where}: ${firstLine(info.stderr)}${local ? `\n${local}` : ''}`,
      fix: `sudo systemctl start docker, or without systemd: ${setupScript} (starts dockerd detached, log in /var/log/bch-dockerd.log)`,
    },
  };
}

/** Per service: the image a grade would start is on this machine, is a recorded stand-in, or can be pulled. */
export async function checkImages(
  probes: DoctorProbes,
  settings: Settings,
  services: readonly ServiceName[] = serviceNames,
): Promise<DoctorFinding[]> {
  const map = readImageMap(settings.cacheDir);
  const has = async (image: string) => (await probes.run('docker', ['image', 'inspect', '--format', '{{.Id}}', image])).code === 0;
  const hubAnswers = (await probes.httpStatus(dockerHub)) !== undefined;
  const findings: DoctorFinding[] = [];
  for (const name of services) {
    const image = settings.images[name];
    const standIn = map[name];
    const check = `image ${name}`;
    if (await has(image)) findings.push({ check, status: 'ok', detail: `${image} is on this machine` });
    else if (standIn && (await has(standIn)))
      findings.push({ check, status: 'ok', detail: `${image} is not here; the local stand-in ${standIn} (image map) is used` });
    else if (hubAnswers) findings.push({ check, status: 'info', detail: `${image} is pulled at the first grade (the registry answers)` });
    else {
      findings.push({
        check,
        status: 'fail',
        detail: `${image} is not on this machine and no registry answers${standIn ? `; the recorded stand-in ${standIn} is gone` : ''}`,
        fix: `${setupScript} (builds local stand-in images and records them in ${settings.cacheDir}/images.json)`,
      });
    }
  }
  return findings;
}

/** Compose v2 (`docker compose`) runs the README's `up -d --wait`; Debian's docker-compose 1.29 does not. */
export async function checkCompose(probes: DoctorProbes): Promise<DoctorFinding> {
  const v2 = await probes.run('docker', ['compose', 'version', '--short']);
  if (v2.code === 0 && /^v?2\./.test(v2.stdout.trim()))
    return { check: 'Compose', status: 'ok', detail: `Compose ${v2.stdout.trim()} (only needed for docker-compose.yml)` };
  const v1 = await probes.run('docker-compose', ['version', '--short']);
  const fix =
    'mkdir -p ~/.docker/cli-plugins && curl -fsSL https://github.com/docker/compose/releases/latest/download/docker-compose-linux-$(uname -m) -o ~/.docker/cli-plugins/docker-compose && chmod +x ~/.docker/cli-plugins/docker-compose';
  if (v1.code === 0) {
    return {
      check: 'Compose',
      status: 'warn',
      detail: `only docker-compose ${v1.stdout.trim()} (v1): it rejects docker-compose.yml (top-level name:) and ignores --wait; bch itself does not need Compose`,
      fix,
    };
  }
  return {
    check: 'Compose',
    status: 'info',
    detail: 'no Compose; only needed to run docker-compose.yml (bch starts its own containers)',
    fix,
  };
}

function firstLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? 'no answer'
  );
}
