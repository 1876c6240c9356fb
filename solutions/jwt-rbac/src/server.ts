// Entry point: reads the configuration, connects to Postgres and Redis, migrates, creates the admin account,
// and serves HTTP until SIGTERM.
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import pg from 'pg';
import { AccessTokens } from './access-tokens.ts';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { LoginLimiter } from './login-limiter.ts';
import { RefreshTokens } from './refresh-tokens.ts';
import { migrate } from './schema.ts';
import { Users } from './users.ts';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const log = (message: string): void => console.log(message);

const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
pool.on('error', (error) => log(`postgres: ${error.message}`));
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableAutoPipelining: true });
redis.on('error', (error: Error) => log(`redis: ${error.message}`));

const users = new Users(pool);
const accessTokens = await AccessTokens.create({
  privateKeyPem: config.jwtPrivateKey,
  publicKeyPem: config.jwtPublicKey,
  ttlSeconds: config.accessTokenTtlSeconds,
  redis,
  keyPrefix: config.redisKeyPrefix,
});
const refreshTokens = new RefreshTokens(pool, config.refreshTokenTtlSeconds);
const limiter = new LoginLimiter(redis, config.redisKeyPrefix, {
  maxFailures: config.loginMaxFailures,
  maxFailuresPerAddress: config.loginMaxFailuresPerAddress,
  windowSeconds: config.loginWindowSeconds,
});

let migrated = false;
const isReady = (): boolean => migrated && redis.status === 'ready';

const server = createServer(createApp({ pool, users, accessTokens, refreshTokens, limiter, isReady, log }));
server.on('error', (error) => {
  log(`cannot serve: ${error.message}`);
  process.exit(1);
});
server.listen(config.port, () => log(`listening on port ${config.port}`));

try {
  await migrate(pool);
  if (await users.create(config.adminEmail.toLowerCase(), config.adminPassword, 'admin')) log(`created the admin account ${config.adminEmail}`);
  migrated = true;
  log('ready');
} catch (error) {
  log(`cannot prepare the database: ${(error as Error).message}`);
  process.exit(1);
}

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  Promise.allSettled([pool.end(), redis.quit()]).finally(() => process.exit(0));
});
