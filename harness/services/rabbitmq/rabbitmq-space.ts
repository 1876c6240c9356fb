// A RabbitMQ vhost and a user of its own for one grade, created and deleted through the management API. The
// user has a random password, no tags (no management access; `bch dev` gives its own user the `management` tag, so
// the candidate can watch their queues), permissions on its vhost only, and limits (see
// `gradeBrokerLimits`); the candidate connects as it. The hidden tests keep the admin's URL (the admin also gets
// the vhost). Release closes every connection to the vhost, then deletes the user and the vhost.
import { randomBytes } from 'node:crypto';
import { EnvironmentError } from '../../errors.ts';
import { encodeOwner } from '../../lifecycle/run-owner.ts';
import { managementApi, type ManagementApi } from './management-api.ts';
import { redact } from '../redact.ts';
import type { ServiceSpace } from '../service-definition.ts';
import { eventually, NotYet, notYet } from '../../eventually.ts';

/** Grade vhosts and users are named bch-<grade>. */
export const rabbitmqGradePrefix = 'bch-';

/** What one grade may take of the broker (mq-worker's reference: 1 connection, 1 channel, 2 queues and one per retry delay). */
export const gradeBrokerLimits = {
  /** Connections and channels of the grade's user (user limits: the tests' admin connections do not count). */
  connections: 32,
  channels: 256,
  /** Queues in the vhost. */
  queues: 32,
  /** Bytes of ready messages per queue (an operator policy, which the candidate's own queue arguments can only
   * lower); beyond it the oldest messages are dropped, or dead-lettered when the queue says so. */
  queueBytes: 16 * 1024 * 1024,
} as const;

export async function createRabbitmqSpace(
  amqpUrl: string,
  managementUrl: string,
  name: string,
  options: { devAccess?: boolean } = {},
): Promise<Omit<ServiceSpace, 'admin'> & { url: string }> {
  const vhost = `${rabbitmqGradePrefix}${name}`;
  const user = vhost;
  const password = randomBytes(18).toString('hex');
  const amqp = new URL(amqpUrl);
  const adminUser = decodeURIComponent(amqp.username || 'guest');
  const api = managementApi(managementUrl);
  const everything = { configure: '.*', write: '.*', read: '.*' };
  const remove = () => removeGradeVhost(api, vhost);
  try {
    await remove();
    const at = encodeURIComponent(vhost);
    // The vhost's description holds the owner mark (see `bch clean`).
    await api('PUT', `/api/vhosts/${at}`, { description: encodeOwner() });
    await api('PUT', `/api/vhost-limits/${at}/max-queues`, { value: gradeBrokerLimits.queues });
    await api('PUT', `/api/operator-policies/${at}/bch-grade-limits`, {
      pattern: '.*',
      'apply-to': 'queues',
      priority: 0,
      definition: { 'max-length-bytes': gradeBrokerLimits.queueBytes },
    });
    await api('PUT', `/api/permissions/${at}/${encodeURIComponent(adminUser)}`, everything);
    await api('PUT', `/api/users/${encodeURIComponent(user)}`, { password, tags: options.devAccess ? 'management' : '' });
    await api('PUT', `/api/user-limits/${encodeURIComponent(user)}/max-connections`, { value: gradeBrokerLimits.connections });
    await api('PUT', `/api/user-limits/${encodeURIComponent(user)}/max-channels`, { value: gradeBrokerLimits.channels });
    await api('PUT', `/api/permissions/${at}/${encodeURIComponent(user)}`, everything);
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
  const ui = new URL(managementUrl);
  ui.username = encodeURIComponent(user);
  ui.password = password;
  ui.pathname = '/';
  ui.hash = `#/queues/${encodeURIComponent(vhost)}`;
  return {
    url: amqp.toString(),
    env: { AMQP_URL: candidate.toString() },
    release: remove,
    ...(options.devAccess && {
      devUrls: [{ label: 'RabbitMQ management UI (your queues)', url: ui.toString() }],
    }),
  };
}

/**
 * Closes every connection to a grade's vhost (the candidate's, and any the tests left), waits until they are gone,
 * then deletes the grade's user and the vhost. The user first: a bch-* user never outlives its vhost (`bch clean`
 * relies on it).
 */
export async function removeGradeVhost(api: ManagementApi, vhost: string, timeoutMs = 10_000): Promise<void> {
  const at = encodeURIComponent(vhost);
  await eventually(
    async () => {
      const open = (await api<{ name: string }[]>('GET', `/api/vhosts/${at}/connections?columns=name`, undefined, [404])) ?? [];
      for (const connection of open) {
        await api('DELETE', `/api/connections/${encodeURIComponent(connection.name)}`, undefined, [404]);
      }
      if (open.length > 0) throw new NotYet(`${open.length} connections to vhost ${vhost} were still open after being closed`);
    },
    { timeoutMs, intervalMs: 100, retryOn: notYet },
  );
  await api('DELETE', `/api/users/${encodeURIComponent(vhost)}`, undefined, [404]);
  await api('DELETE', `/api/vhosts/${at}`, undefined, [404]);
}
