// Whether a Redis server lets anyone in without a password: its `default` user with `nopass` (no requirepass,
// the default configuration) serves every connection that does not authenticate.
import { Redis } from 'ioredis';

/** How a connection gets in without a password, or undefined when the server asks for one. */
export async function redisOpenLogin(adminUrl: string): Promise<string | undefined> {
  const url = new URL(adminUrl);
  url.username = '';
  url.password = '';
  const client = new Redis(url.toString(), {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 5000,
    enableReadyCheck: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const acl = await client.call('ACL', 'WHOAMI');
    return `a connection without a password is the user ${String(acl)} (no requirepass; the default user has "nopass")`;
  } catch {
    return undefined; // NOAUTH, or no answer (which the grade space reports on its own)
  } finally {
    client.disconnect();
  }
}
