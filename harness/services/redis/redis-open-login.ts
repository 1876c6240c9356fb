// Whether a Redis server lets anyone in without a password: its `default` user with `nopass` (no requirepass,
// the default configuration) serves every connection that does not authenticate, and a `nopass` ACL user accepts
// any password.
import { Redis } from 'ioredis';

/** How a connection gets in without the password, or undefined when the server asks for it. */
export async function redisOpenLogin(adminUrl: string): Promise<string | undefined> {
  const anonymous = new URL(adminUrl);
  anonymous.username = '';
  anonymous.password = '';
  const open = await whoami(anonymous.toString());
  if (open) return `a connection without a password is the user ${open} (no requirepass; the default user has "nopass")`;
  const user = decodeURIComponent(new URL(adminUrl).username);
  if (!user || user === 'default') return undefined;
  const wrong = new URL(adminUrl);
  wrong.password = `bch-wrong-${Math.random().toString(36).slice(2)}`;
  const admin = await whoami(wrong.toString());
  return admin && `the user ${admin} logged in with a wrong password (its ACL has "nopass")`;
}

/** The user a connection to `url` is, or undefined when it is refused or the server does not answer. */
async function whoami(url: string): Promise<string | undefined> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 5000,
    enableReadyCheck: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return String(await client.call('ACL', 'WHOAMI'));
  } catch {
    return undefined; // NOAUTH, WRONGPASS, or no answer (which the grade space reports on its own)
  } finally {
    client.disconnect();
  }
}
