// Postgres, everything about it: its pinned image and container, the --database-url / DATABASE_URL setting, a
// database and role of its own per grade (postgres-space.ts), what `bch clean` removes (postgres-leftovers.ts), and
// the admin client (postgres-client.ts). Only dependency-free modules are imported statically here: the machine
// set-up reads the registry before the harness's packages are installed (list-service-images.ts).
import { redact } from '../redact.ts';
import type { ServiceDefinition, ServiceEndpoint } from '../service-definition.ts';

export const postgresService = {
  scaffold: {
    env: [{ name: 'DATABASE_URL', description: 'Postgres, with the database in the URL' }],
    dependency: ['pg', '^8.23.1'],
    imports: "import pg from 'pg';",
    connect: "const pool = new pg.Pool({ connectionString: required(env, 'DATABASE_URL'), max: 4 });",
    ping: "await pool.query('SELECT 1');",
    close: 'await pool.end();',
  },
  name: 'postgres',
  title: 'Postgres',
  image: 'postgres:17-alpine',
  urls: [{ key: 'postgres', option: 'databaseUrl', env: 'DATABASE_URL', help: 'Postgres' }],
  ports: [5432],
  localFlags: '--database-url postgres://USER:PASSWORD@localhost:5432/postgres',
  composeUrl: 'postgres://bch:bch@localhost:5432/bch',
  async startContainer(context) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer(context.image)
      .withPassword(context.adminPassword)
      .withLabels(context.labels)
      // A throw-away database: durability off, data on tmpfs.
      .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])
      .withTmpFs({ '/var/lib/postgresql/data': 'rw' })
      .start();
    return { container, endpoint: { url: container.getConnectionUri() } };
  },
  externalEndpoint: (urls) => ({ url: urls.postgres! }),
  openLogin: async (endpoint) => (await import('./postgres-open-login.ts')).postgresOpenLogin(endpoint.url),
  async createSpace(endpoint, grade, { postgresTemplate }) {
    const { createPostgresSpace } = await import('./postgres-space.ts');
    const space = await createPostgresSpace(endpoint.url, grade, postgresTemplate);
    return { env: space.env, admin: { postgresUrl: space.url }, release: space.release };
  },
  leftovers: {
    where: (endpoint) => `Postgres at ${redact(endpoint.url)}`,
    remove: async (endpoint) => (await import('./postgres-leftovers.ts')).removeDeadPostgresSpaces(endpoint.url),
  },
} as const satisfies ServiceDefinition<ServiceEndpoint, { postgresUrl: string }>;
