// Dead runs' grade databases and roles (bch_*, never the bch_tpl_* data-set templates). A database belongs
// to the role of the same name, whose comment holds the owner mark; a database without such a role, or a
// role whose owner is gone, is a dead run's.
import { parseOwner } from '../../lifecycle/run-owner.ts';
import { withServer } from './postgres-client.ts';
import { dropGradeDatabase } from './postgres-space.ts';
import { judge, type Leftovers } from '../../clean/leftovers.ts';

export async function removeDeadPostgresSpaces(serverUrl: string): Promise<Leftovers> {
  const found: Leftovers = { removed: [], kept: [] };
  await withServer(serverUrl, async (client) => {
    // Databases first: a database listed now had its role created before it, so the role is in the next list
    // unless the database is being dropped.
    const databases = (
      await client.query<{ name: string }>(
        `SELECT datname AS name FROM pg_database WHERE datname LIKE 'bch\\_%' AND datname NOT LIKE 'bch\\_tpl\\_%'`,
      )
    ).rows.map((r) => r.name);
    const roles = (
      await client.query<{ name: string; mark: string | null }>(
        `SELECT rolname AS name, shobj_description(oid, 'pg_authid') AS mark FROM pg_roles WHERE rolname LIKE 'bch\\_%'`,
      )
    ).rows;
    const owners = new Map(roles.map((r) => [r.name, parseOwner(r.mark)]));
    for (const name of new Set([...databases, ...owners.keys()])) {
      const kind = databases.includes(name) ? (owners.has(name) ? 'database and role' : 'database') : 'role';
      if (!judge(found, `Postgres ${kind} ${name}`, owners.get(name))) continue;
      await dropGradeDatabase(client, name);
      found.removed.push(`Postgres ${kind} ${name}`);
    }
  });
  return found;
}
