// docker-compose.yml must run the images pinned in harness/config/images.ts (one place to pin a version),
// on the usual ports, with the credentials the README's --services external command uses.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultImages, type ServiceName } from '../harness/config/images.ts';

interface ComposeService {
  image?: string;
  environment?: Record<string, string> | string[];
  ports?: (string | { target: number; published?: number | string; host_ip?: string })[];
  healthcheck?: { test?: string[] | string };
}

const compose = parseYaml(readFileSync(resolve(import.meta.dirname, '../docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> };

const usualPorts: Record<ServiceName, number[]> = {
  postgres: [5432],
  redis: [6379],
  rabbitmq: [5672, 15672],
};

/** A published port as [host port, container port], from the short ("[ip:]host:container") or long syntax. */
function hostAndContainerPort(port: NonNullable<ComposeService['ports']>[number]): [number, number] {
  if (typeof port === 'object') return [Number(port.published), port.target];
  const parts = port.replace(/\/tcp$/, '').split(':');
  return [Number(parts.at(-2)), Number(parts.at(-1))];
}

describe('docker-compose.yml', () => {
  test('has exactly the services the harness knows', () => {
    expect(Object.keys(compose.services).sort()).toEqual(Object.keys(defaultImages).sort());
  });

  test.each(Object.keys(defaultImages) as ServiceName[])('%s uses the image pinned in harness/config/images.ts', (name) => {
    expect(compose.services[name]?.image).toBe(defaultImages[name]);
  });

  test.each(Object.keys(usualPorts) as ServiceName[])('%s is published on its usual ports, same number outside and inside', (name) => {
    const ports = (compose.services[name]?.ports ?? []).map(hostAndContainerPort);
    expect(ports).toEqual(usualPorts[name].map((port) => [port, port]));
  });

  test('Postgres has the user, password and database of the README (postgres://bch:bch@localhost:5432/bch)', () => {
    expect(compose.services.postgres?.environment).toMatchObject({ POSTGRES_USER: 'bch', POSTGRES_PASSWORD: 'bch', POSTGRES_DB: 'bch' });
  });

  test('every service has a health check', () => {
    for (const [name, service] of Object.entries(compose.services)) expect(service.healthcheck?.test, name).toBeTruthy();
  });
});
