// docker-compose.yml must run the images pinned in the service registry (harness/services/<name>/<name>-service.ts),
// on the usual ports, with the credentials the README's --services external command uses.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultImages, serviceNames, serviceRegistry } from '../harness/services/service-registry.ts';

interface ComposeService {
  image?: string;
  environment?: Record<string, string> | string[];
  ports?: (string | { target: number; published?: number | string; host_ip?: string })[];
  healthcheck?: { test?: string[] | string };
}

const compose = parseYaml(readFileSync(resolve(import.meta.dirname, '../docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};

/** A published port as [host port, container port], from the short ("[ip:]host:container") or long syntax. */
function hostAndContainerPort(port: NonNullable<ComposeService['ports']>[number]): [number, number] {
  if (typeof port === 'object') return [Number(port.published), port.target];
  const parts = port.replace(/\/tcp$/, '').split(':');
  return [Number(parts.at(-2)), Number(parts.at(-1))];
}

describe('docker-compose.yml', () => {
  test('has exactly the services the harness knows', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...serviceNames].sort());
  });

  test.each(serviceNames)('%s uses the image pinned in the registry', (name) => {
    expect(compose.services[name]?.image).toBe(defaultImages[name]);
  });

  test.each(serviceNames)('%s is published on its ports, same number outside and inside', (name) => {
    const ports = (compose.services[name]?.ports ?? []).map(hostAndContainerPort);
    expect(ports).toEqual(serviceRegistry[name].ports.map((port) => [port, port]));
  });

  test.each(serviceNames)('%s answers at the URL the README and BCH_NO_SERVICES give for it', (name) => {
    expect(Number(new URL(serviceRegistry[name].composeUrl).port)).toBe(serviceRegistry[name].ports[0]);
  });

  test('Postgres has the user, password and database of the README (postgres://bch:bch@localhost:5432/bch)', () => {
    expect(compose.services.postgres?.environment).toMatchObject({ POSTGRES_USER: 'bch', POSTGRES_PASSWORD: 'bch', POSTGRES_DB: 'bch' });
  });

  test('every service has a health check', () => {
    for (const [name, service] of Object.entries(compose.services)) expect(service.healthcheck?.test, name).toBeTruthy();
  });
});
