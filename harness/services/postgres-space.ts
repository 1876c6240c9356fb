// A database of its own for one grade: created before (empty, or a copy of the challenge's data-set
// template), dropped (with its connections) after.
import { EnvironmentError } from '../errors.ts';
import { withServer } from './postgres-client.ts';
import { createDatabaseFromTemplate } from './postgres-template.ts';
import { redact } from './redact.ts';

export interface ServiceSpace {
  /** Environment variables the candidate's service receives. */
  env: Record<string, string>;
  /** Removes everything the grade left behind. */
  release(): Promise<void>;
}

export async function createPostgresSpace(serverUrl: string, name: string, template?: string): Promise<ServiceSpace & { url: string }> {
  const database = `bch_${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  try {
    await withServer(serverUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      if (template) await createDatabaseFromTemplate(client, database, template);
      else await client.query(`CREATE DATABASE "${database}"`);
    });
  } catch (error) {
    throw new EnvironmentError('BCH_POSTGRES_UNAVAILABLE', `Could not create a database for the grade on ${redact(serverUrl)}: ${(error as Error).message}. Check that Postgres is running and the user may CREATE DATABASE.`, { cause: error });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    env: { DATABASE_URL: url.toString() },
    release: () => withServer(serverUrl, async (client) => { await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`); }),
  };
}
