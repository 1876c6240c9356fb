// Dead runs' grade vhosts and users (bch-*). A vhost's description holds the owner mark; a grade's user has
// the vhost's name and never outlives it, so a bch-* user without a live vhost is a dead run's.
import { parseOwner } from '../../lifecycle/run-owner.ts';
import { managementApi } from './management-api.ts';
import { rabbitmqGradePrefix, removeGradeVhost } from './rabbitmq-space.ts';
import { judge, type Leftovers } from '../../clean/leftovers.ts';

export async function removeDeadRabbitmqSpaces(managementUrl: string): Promise<Leftovers> {
  const found: Leftovers = { removed: [], kept: [] };
  const api = managementApi(managementUrl);
  // Users first: a user listed now was created after its vhost, so the vhost is in the next list unless released.
  const users = ((await api<{ name: string }[]>('GET', '/api/users?columns=name')) ?? [])
    .map((u) => u.name)
    .filter((n) => n.startsWith(rabbitmqGradePrefix));
  const vhosts = ((await api<{ name: string; description?: string }[]>('GET', '/api/vhosts?columns=name,description')) ?? []).filter((v) =>
    v.name.startsWith(rabbitmqGradePrefix),
  );
  const live = new Set<string>();
  for (const vhost of vhosts) {
    if (!judge(found, `RabbitMQ vhost ${vhost.name}`, parseOwner(vhost.description))) {
      live.add(vhost.name);
      continue;
    }
    await removeGradeVhost(api, vhost.name);
    found.removed.push(`RabbitMQ vhost and user ${vhost.name}`);
  }
  for (const user of users.filter((u) => !live.has(u) && !vhosts.some((v) => v.name === u))) {
    await api('DELETE', `/api/users/${encodeURIComponent(user)}`, undefined, [404]);
    found.removed.push(`RabbitMQ user ${user}`);
  }
  return found;
}
