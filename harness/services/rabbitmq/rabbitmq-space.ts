// A RabbitMQ vhost and a user of its own for one grade, created and deleted through the management API. The
// user has a random password, no tags (no management access) and permissions on its vhost only; the
// candidate connects as it. The hidden tests keep the admin's URL (the admin also gets the vhost).
import { randomBytes } from 'node:crypto';
import { EnvironmentError } from '../../errors.ts';
import { encodeOwner } from '../../lifecycle/run-owner.ts';
import { managementApi } from './management-api.ts';
import { redact } from '../redact.ts';
import type { ServiceSpace } from '../service-definition.ts';

/** Grade vhosts and users are named bch-<grade>. */
export const rabbitmqGradePrefix = 'bch-';

export async function createRabbitmqSpace(
  amqpUrl: string,
  managementUrl: string,
  name: string,
): Promise<Omit<ServiceSpace, 'admin'> & { url: string }> {
  const vhost = `${rabbitmqGradePrefix}${name}`;
  const user = vhost;
  const password = randomBytes(18).toString('hex');
  const amqp = new URL(amqpUrl);
  const adminUser = decodeURIComponent(amqp.username || 'guest');
  const api = managementApi(managementUrl);
  const everything = { configure: '.*', write: '.*', read: '.*' };
  const remove = async () => {
    // The user first: a bch-* user never outlives its vhost (`bch clean` relies on it).
    await api('DELETE', `/api/users/${encodeURIComponent(user)}`, undefined, [404]);
    await api('DELETE', `/api/vhosts/${encodeURIComponent(vhost)}`, undefined, [404]);
  };
  try {
    await remove();
    // The vhost's description holds the owner mark (see `bch clean`).
    await api('PUT', `/api/vhosts/${encodeURIComponent(vhost)}`, { description: encodeOwner() });
    await api('PUT', `/api/permissions/${encodeURIComponent(vhost)}/${encodeURIComponent(adminUser)}`, everything);
    await api('PUT', `/api/users/${encodeURIComponent(user)}`, { password, tags: '' });
    await api('PUT', `/api/permissions/${encodeURIComponent(vhost)}/${encodeURIComponent(user)}`, everything);
  } catch (error) {
    await remove().catch(() => {});
    throw new EnvironmentError(
      'BCH_RABBITMQ_UNAVAILABLE',
      `Could not create a vhost and user for the grade through the RabbitMQ management API at ${redact(managementUrl)}: ${(error as Error).message}. Enable the management plugin (rabbitmq-plugins enable rabbitmq_management) or pass --rabbitmq-management-url; its user must be an administrator.`,
      { cause: error },
    );
  }
  amqp.pathname = `/${encodeURIComponent(vhost)}`;
  const candidate = new URL(amqp);
  candidate.username = encodeURIComponent(user);
  candidate.password = password;
  return {
    url: amqp.toString(),
    env: { AMQP_URL: candidate.toString() },
    release: remove,
  };
}
