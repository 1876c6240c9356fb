// The service registry is the one list of services: the machine set-up's image builder (.ci/lib/images.sh), the
// stand-in folders, the image map, the settings and the CLI flags all follow it (docker-compose.yml: see
// test/docker-compose.test.ts). The set-up reads it before `npm ci`, so it must load without any package.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { readImageMap } from '../config/image-map.ts';
import { flagOf } from '../config/service-url-settings.ts';
import { resolveSettings } from '../config/settings.ts';
import { main } from '../cli/main.ts';
import { defaultImages, imageVariable, serviceNames, serviceRegistry, serviceUrlSettings } from './service-registry.ts';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '../..');
const servicesDir = import.meta.dirname;

/** Runs a script with Node, refusing every import of a package (as on a machine where npm ci has not run yet). */
const withoutPackages = `
import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, context, next) {
  if (!/^(node:|\\.|\\/|file:)/.test(specifier)) throw new Error('imports the package ' + specifier);
  return next(specifier, context);
} });
await import(process.argv[1]);`;

/** The tag the set-up gives a stand-in: the hash of its folder's files, in name order. */
function standInTag(name: string): string {
  const folder = join(servicesDir, name, 'stand-in');
  const hash = createHash('sha256');
  for (const file of readdirSync(folder).sort()) hash.update(readFileSync(join(folder, file)));
  return `bch-local/${name}:${hash.digest('hex').slice(0, 12)}`;
}

describe('the service registry', () => {
  test('loads without any package, and lists every service with its pinned image for the set-up', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', withoutPackages, join(servicesDir, 'list-service-images.ts')],
      { cwd: repoRoot },
    );
    expect(stdout.trim().split('\n')).toEqual(serviceNames.map((name) => `${name} ${defaultImages[name]}`));
  });

  test('has one folder per service, named after it, with a stand-in to build, and no folder outside it', () => {
    const folders = readdirSync(servicesDir).filter((entry) => statSync(join(servicesDir, entry)).isDirectory());
    expect(folders.sort()).toEqual([...serviceNames].sort());
    for (const name of serviceNames) {
      expect(serviceRegistry[name].name).toBe(name);
      expect(existsSync(join(servicesDir, name, 'stand-in', 'Dockerfile')), `${name}/stand-in/Dockerfile`).toBe(true);
    }
  });

  test('the set-up builds a stand-in for every service where no official image can be had, and records it in the image map', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bch-images-'));
    // A docker that has only stand-ins and reaches no registry.
    writeFileSync(join(dir, 'docker'), '#!/bin/sh\ncase "$1 $2 $3" in "image inspect bch-local/"*) exit 0 ;; esac\nexit 1\n');
    chmodSync(join(dir, 'docker'), 0o755);
    const env = { PATH: `${dir}:${process.env.PATH}`, HOME: dir, BCH_CACHE_DIR: join(dir, 'cache') };
    const { stdout } = await run(
      'bash',
      ['-c', 'set -euo pipefail; source .ci/lib/images.sh; ensure_images; env | grep "^BCH_.*_IMAGE=" | sort'],
      { cwd: repoRoot, env },
    );
    expect(readImageMap(env.BCH_CACHE_DIR)).toEqual(Object.fromEntries(serviceNames.map((name) => [name, standInTag(name)])));
    for (const name of serviceNames) expect(stdout).toContain(`${imageVariable(name)}=${standInTag(name)}\n`);
  });

  test('the set-up uses the official images where the machine has them, and records no stand-in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bch-images-'));
    const official = serviceNames.map((name) => defaultImages[name]).join(' ');
    writeFileSync(
      join(dir, 'docker'),
      `#!/bin/sh\nfor image in ${official}; do [ "$1 $2 $3" = "image inspect $image" ] && exit 0; done\nexit 1\n`,
    );
    chmodSync(join(dir, 'docker'), 0o755);
    const env = { PATH: `${dir}:${process.env.PATH}`, HOME: dir, BCH_CACHE_DIR: join(dir, 'cache') };
    const { stdout } = await run('bash', ['-c', 'set -euo pipefail; source .ci/lib/images.sh; ensure_images'], { cwd: repoRoot, env });
    for (const name of serviceNames) expect(stdout).toContain(`ci: using official image ${defaultImages[name]}\n`);
    expect(readImageMap(env.BCH_CACHE_DIR)).toEqual({});
  });

  test('every URL setting is read from its variable and its flag, and each flag is on `bch grade` and `bch clean`', async () => {
    for (const setting of serviceUrlSettings) {
      expect(resolveSettings({}, { [setting.env]: 'scheme://from-env' }).external[setting.key], setting.env).toBe('scheme://from-env');
      expect(
        resolveSettings({ [setting.option]: 'scheme://from-flag' }, { [setting.env]: 'scheme://from-env' }).external[setting.key],
        flagOf(setting),
      ).toBe('scheme://from-flag');
    }
    for (const command of ['grade', 'clean']) {
      let help = '';
      await main([command, '--help'], { out: { write: (text: string) => (help += text) }, err: { write: () => true }, env: {} });
      for (const setting of serviceUrlSettings) expect(help, `bch ${command} --help`).toContain(`${flagOf(setting)} <url>`);
    }
  });

  test('every image can be overridden by its variable', () => {
    for (const name of serviceNames) expect(resolveSettings({}, { [imageVariable(name)]: 'my/image:1' }).images[name]).toBe('my/image:1');
  });
});
