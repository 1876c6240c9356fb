// Short-lived connections for the harness's own Postgres work (creating databases, seeding, statistics):
// one client per unit of work, always closed.
import pg from 'pg';

/** Runs work on a fresh connection to one database of the server, and closes it. */
export async function withDatabase<T>(serverUrl: string, database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs work on the database the server URL names (`postgres` when it names none): where databases are created and dropped. */
export function withServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withDatabase(serverUrl, new URL(serverUrl).pathname.slice(1) || 'postgres', work);
}
