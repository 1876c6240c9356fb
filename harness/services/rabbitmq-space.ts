// A RabbitMQ vhost of its own for one grade, created and deleted through the management API.
import { EnvironmentError } from '../errors.ts';
import type { ServiceSpace } from './postgres-space.ts';
import { redact } from './redact.ts';

export async function createRabbitmqSpace(amqpUrl: string, managementUrl: string, name: string): Promise<ServiceSpace & { url: string }> {
  const vhost = `bch-${name}`;
  const amqp = new URL(amqpUrl);
  const user = decodeURIComponent(amqp.username || 'guest');
  const api = managementApi(managementUrl);
  try {
    await api('DELETE', `/api/vhosts/${encodeURIComponent(vhost)}`, undefined, [404]);
    await api('PUT', `/api/vhosts/${encodeURIComponent(vhost)}`);
    await api('PUT', `/api/permissions/${encodeURIComponent(vhost)}/${encodeURIComponent(user)}`, { configure: '.*', write: '.*', read: '.*' });
  } catch (error) {
    throw new EnvironmentError('BCH_RABBITMQ_UNAVAILABLE', `Could not create a vhost for the grade through the RabbitMQ management API at ${redact(managementUrl)}: ${(error as Error).message}. Enable the management plugin (rabbitmq-plugins enable rabbitmq_management) or pass --rabbitmq-management-url.`, { cause: error });
  }
  amqp.pathname = `/${encodeURIComponent(vhost)}`;
  return {
    url: amqp.toString(),
    env: { AMQP_URL: amqp.toString() },
    release: async () => { await api('DELETE', `/api/vhosts/${encodeURIComponent(vhost)}`, undefined, [404]); },
  };
}

function managementApi(managementUrl: string) {
  const base = new URL(managementUrl);
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(base.username || 'guest')}:${decodeURIComponent(base.password || 'guest')}`).toString('base64')}`;
  base.username = '';
  base.password = '';
  return async (method: string, path: string, body?: unknown, alsoOk: number[] = []): Promise<void> => {
    const response = await fetch(new URL(path, base), {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok && !alsoOk.includes(response.status)) {
      throw new Error(`${method} ${path} answered ${response.status} ${(await response.text()).slice(0, 200)}`);
    }
  };
}
