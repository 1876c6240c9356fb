// What the service did to the database while a test drove it, read from Postgres's own cumulative
// statistics: per table, sequential scans and rows they read, index scans and index entries they returned;
// for the database, transactions. No server setting, extension or restart is needed, and nothing in the
// candidate's code path changes. A backend publishes its counters when idle but may hold them back for up
// to 10 s, and always publishes them when it exits; so the work must close its connections (stop the
// service), and a measurement waits until no other client is connected to the database before reading.
import pg from 'pg';
import { InfrastructureError } from './infrastructure-error.ts';
import { eventually, NotYet, notYet } from '../eventually.ts';

export interface TableActivity {
  seqScans: number;
  /** Rows read by sequential scans. */
  seqRowsRead: number;
  indexScans: number;
  /** Index entries returned by index scans (plain, index-only and bitmap), summed over the table's indexes. */
  indexRowsRead: number;
}

export interface DatabaseActivity {
  tables: Record<string, TableActivity>;
  /** Committed and rolled-back transactions: each statement outside an explicit transaction is one, and so is each new connection's start-up. */
  transactions: number;
}

/** Runs work and returns what it did to the named tables and how many transactions it ran. */
export async function measureDatabaseActivity(
  databaseUrl: string,
  tables: readonly string[],
  work: () => Promise<void>,
): Promise<DatabaseActivity> {
  const database = new URL(databaseUrl).pathname.slice(1);
  const serverUrl = new URL(databaseUrl);
  serverUrl.pathname = '/postgres';
  // Transactions are read from another database, so that reading them is not counted.
  const serverClient = new pg.Client({ connectionString: serverUrl.toString(), connectionTimeoutMillis: 10_000 });
  try {
    await serverClient.connect();
  } catch (error) {
    throw new InfrastructureError(`could not connect to read the database statistics: ${(error as Error).message}`, { cause: error });
  }
  try {
    const read = async (): Promise<DatabaseActivity> => {
      await noOtherClients(serverClient, database);
      const tableFigures = await readTables(databaseUrl, tables);
      await noOtherClients(serverClient, database); // the table read's own connection has published its counters
      const xacts = await serverClient.query<{ n: string }>(
        'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1',
        [database],
      );
      return { tables: tableFigures, transactions: Number(xacts.rows[0]?.n ?? 0) };
    };
    const before = await read();
    await work();
    const after = await read();
    return difference(before, after);
  } finally {
    await serverClient.end().catch(() => {});
  }
}

/** Waits until no client is connected to the database (e.g. until a stopped service's last queries have ended). */
export async function waitUntilNoClients(databaseUrl: string, timeoutMs = 15_000): Promise<void> {
  const serverUrl = new URL(databaseUrl);
  serverUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: serverUrl.toString(), connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await noOtherClients(client, new URL(databaseUrl).pathname.slice(1), timeoutMs);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Waits until every other client of the database has disconnected (their counters are then published). */
async function noOtherClients(serverClient: pg.Client, database: string, timeoutMs = 15_000): Promise<void> {
  const noneConnected = async () => {
    const { rows } = await serverClient.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      [database],
    );
    if (rows[0].n > 0) {
      throw new NotYet(
        `${rows[0].n} other client(s) stayed connected to the grade database for ${timeoutMs / 1000} s: stop the service (and wait for its queries) first`,
      );
    }
  };
  await eventually(noneConnected, { timeoutMs, intervalMs: 100, retryOn: notYet }).catch((error) => {
    throw error instanceof NotYet ? new InfrastructureError(error.message) : error;
  });
}

/** Table counters are per database: read them on a connection of its own (its connection and query are two transactions). */
async function readTables(databaseUrl: string, tables: readonly string[]): Promise<Record<string, TableActivity>> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  let rows;
  try {
    await client.connect();
    rows = (
      await client.query<{ relname: string; seq_scan: string; seq_tup_read: string; idx_scan: string; idx_tup_read: string }>(
        `SELECT t.relname, t.seq_scan, t.seq_tup_read, coalesce(t.idx_scan, 0) AS idx_scan,
              coalesce((SELECT sum(i.idx_tup_read) FROM pg_stat_user_indexes i WHERE i.relid = t.relid), 0) AS idx_tup_read
         FROM pg_stat_user_tables t WHERE t.schemaname = current_schema() AND t.relname = ANY($1)`,
        [tables],
      )
    ).rows;
  } catch (error) {
    throw new InfrastructureError(`could not read the table statistics: ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end().catch(() => {});
  }
  const missing = tables.filter((name) => !rows.some((r) => r.relname === name));
  if (missing.length > 0) throw new InfrastructureError(`no statistics for table(s) ${missing.join(', ')}: the data set is not loaded`);
  return Object.fromEntries(
    rows.map((r) => [
      r.relname,
      {
        seqScans: Number(r.seq_scan),
        seqRowsRead: Number(r.seq_tup_read),
        indexScans: Number(r.idx_scan),
        indexRowsRead: Number(r.idx_tup_read),
      },
    ]),
  );
}

/** The statistics read's own transactions: its connection's start-up and its one query. */
const readTransactions = 2;

function difference(before: DatabaseActivity, after: DatabaseActivity): DatabaseActivity {
  const tables: Record<string, TableActivity> = {};
  for (const [name, a] of Object.entries(after.tables)) {
    const b = before.tables[name];
    tables[name] = {
      seqScans: a.seqScans - b.seqScans,
      seqRowsRead: a.seqRowsRead - b.seqRowsRead,
      indexScans: a.indexScans - b.indexScans,
      indexRowsRead: a.indexRowsRead - b.indexRowsRead,
    };
  }
  return { tables, transactions: after.transactions - before.transactions - readTransactions };
}
