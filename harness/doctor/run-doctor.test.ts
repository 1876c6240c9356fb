// The doctor's advice on made-up machines: each problem gets its fix, a healthy machine gets none.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultImages } from '../services/service-registry.ts';
import { resolveSettings } from '../config/settings.ts';
import type { CommandResult, DoctorProbes } from './doctor-finding.ts';
import { formatFindings, runDoctor } from './run-doctor.ts';

type Answers = Record<string, CommandResult>;
const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '' });
const failed = (stderr: string): CommandResult => ({ code: 1, stdout: '', stderr });
const missing: CommandResult = { code: -1, stdout: '', stderr: 'spawn ENOENT' };

const healthy: Answers = {
  'node --version': ok('v24.1.0\n'),
  'npm config get registry': ok('https://registry.npmjs.org/\n'),
  'docker --version': ok('Docker version 27.0.0'),
  'docker info --format {{.ServerVersion}}': ok('27.0.0\n'),
  'docker info --format {{.DockerRootDir}}': ok('/var/lib/docker\n'),
  'docker compose version --short': ok('2.29.1\n'),
  'bwrap --version': ok('bubblewrap 0.8.0\n'),
  'bwrap --ro-bind / / true': ok(''),
  'pasta --version': ok('pasta 0.0~git20230309\n'),
  'bwrap --ro-bind / / --unshare-net true': ok(''),
};

function probes(
  answers: Answers,
  options: { images?: string[]; hub?: boolean; ports?: number[]; free?: number; uid?: number } = {},
): DoctorProbes {
  return {
    env: {},
    async run(command, args) {
      const key = [command, ...args].join(' ');
      if (command === 'docker' && args[0] === 'image')
        return (options.images ?? []).includes(args.at(-1)!) ? ok('sha256:1') : failed('No such image');
      return answers[key] ?? missing;
    },
    async httpStatus(url) {
      if (url.includes('docker.io')) return options.hub === false ? undefined : 401;
      return 200;
    },
    async portAnswers(port) {
      return (options.ports ?? []).includes(port);
    },
    freeBytes: () => options.free ?? 50 * 1024 ** 3,
    uid: () => options.uid ?? 0,
  };
}

const settings = (cacheDir = mkdtempSync(join(tmpdir(), 'bch-doctor-'))) => resolveSettings({}, { BCH_CACHE_DIR: cacheDir });

describe('bch doctor', () => {
  test('a healthy machine: no problem, no fix printed', async () => {
    const findings = await runDoctor(probes(healthy, { images: Object.values(defaultImages) }), settings());
    expect(findings.filter((f) => f.status === 'fail' || f.status === 'warn')).toEqual([]);
    expect(formatFindings(findings)).toContain('Ready to grade.');
    expect(formatFindings(findings)).not.toContain('fix:');
  });

  test('no Docker daemon: the fix starts it, and local services are named with their flags', async () => {
    const findings = await runDoctor(
      probes(
        { ...healthy, 'docker info --format {{.ServerVersion}}': failed('Cannot connect to the Docker daemon at unix:///x.sock') },
        { ports: [6379] },
      ),
      settings(),
    );
    const docker = findings.find((f) => f.check === 'Docker')!;
    expect(docker.status).toBe('fail');
    expect(docker.detail).toContain('Cannot connect to the Docker daemon');
    expect(docker.fix).toContain('sudo systemctl start docker');
    expect(docker.detail).toContain('Services answer on their usual local ports: redis on localhost:6379.');
    expect(docker.detail).toContain('--services external --redis-url redis://localhost:6379');
    expect(findings.some((f) => f.check.startsWith('image'))).toBe(false);
  });

  test('no docker command, old node on PATH, no bwrap, Compose v1 only, little disk: each with its fix', async () => {
    const answers = {
      ...healthy,
      'docker --version': missing,
      'node --version': ok('v20.19.2\n'),
      'bwrap --version': missing,
      'pasta --version': missing,
    };
    const findings = await runDoctor(probes(answers, { free: 1024 ** 3 }), settings());
    const byCheck = Object.fromEntries(findings.map((f) => [f.check, f]));
    expect(byCheck.Docker.fix).toContain('apt-get install -y docker.io');
    expect(byCheck['Node.js']).toMatchObject({ status: 'warn' });
    expect(byCheck['Node.js'].fix).toContain('scripts/setup.sh');
    expect(byCheck.bubblewrap.fix).toBe('sudo apt-get install -y bubblewrap');
    expect(byCheck.pasta).toMatchObject({ status: 'fail', fix: 'sudo apt-get install -y passt' });
    expect(byCheck['disk (work folder)']).toMatchObject({ status: 'fail' });
    const v1 = await runDoctor(
      probes(
        {
          ...healthy,
          'docker compose version --short': failed("'compose' is not a docker command"),
          'docker-compose version --short': ok('1.29.2\n'),
        },
        { images: Object.values(defaultImages) },
      ),
      settings(),
    );
    expect(v1.find((f) => f.check === 'Compose')).toMatchObject({ status: 'warn', detail: expect.stringContaining('ignores --wait') });
  });

  test('images: a pinned image that cannot be pulled needs the set-up, a recorded stand-in that Docker has is fine', async () => {
    const none = await runDoctor(probes(healthy, { hub: false }), settings());
    expect(none.find((f) => f.check === 'image redis')).toMatchObject({ status: 'fail', fix: expect.stringContaining('scripts/setup.sh') });
    const cacheDir = mkdtempSync(join(tmpdir(), 'bch-doctor-'));
    writeFileSync(join(cacheDir, 'images.json'), JSON.stringify({ redis: 'bch-local/redis:abc' }));
    const mapped = await runDoctor(probes(healthy, { hub: false, images: ['bch-local/redis:abc'] }), settings(cacheDir));
    expect(mapped.find((f) => f.check === 'image redis')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('bch-local/redis:abc'),
    });
    const pullable = await runDoctor(probes(healthy, { hub: true }), settings());
    expect(pullable.find((f) => f.check === 'image redis')).toMatchObject({ status: 'info' });
  });

  test("a candidate kit's scope: only its challenge's services, and no sandbox to need", async () => {
    const findings = await runDoctor(probes({ ...healthy, 'bwrap --version': missing }, { hub: false, ports: [5672] }), settings(), {
      services: ['postgres'],
      sandbox: false,
    });
    expect(findings.filter((f) => f.check.startsWith('image ')).map((f) => f.check)).toEqual(['image postgres']);
    expect(findings.find((f) => f.check === 'local services')?.detail).not.toContain('rabbitmq');
    expect(findings.find((f) => f.check === 'bubblewrap')).toMatchObject({
      status: 'info',
      detail: expect.stringContaining('not needed here'),
    });
  });

  test('not root: bwrap runs, but grades are refused here; the fix runs bch as root', async () => {
    const findings = await runDoctor(probes(healthy, { uid: 1001 }), settings());
    expect(findings.find((f) => f.check === 'bubblewrap')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('refuses (BCH_NO_SANDBOX)'),
      fix: expect.stringContaining('sudo -E env "PATH=$PATH" npx bch grade'),
    });
  });
});
