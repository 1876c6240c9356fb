// The endpoints a grade's environment names: what the sandbox forwards.
import { expect, test } from 'vitest';
import { endpointsOf, isLoopback, withEndpointsReplaced } from './endpoints-of.ts';

test("the services' URLs, with the schemes' default ports where none is written", () => {
  expect(
    endpointsOf({
      DATABASE_URL: 'postgres://bch_1:secret@127.0.0.1:5432/bch_1',
      REDIS_URL: 'redis://bch-1:pw@localhost/3',
      AMQP_URL: 'amqp://bch-1:pw@127.0.0.1/bch-1',
      PORT: '41234',
      NODE_ENV: 'production',
    }),
  ).toEqual([
    { variable: 'DATABASE_URL', host: '127.0.0.1', port: 5432, loopback: true },
    { variable: 'REDIS_URL', host: 'localhost', port: 6379, loopback: true },
    { variable: 'AMQP_URL', host: '127.0.0.1', port: 5672, loopback: true },
  ]);
});

test("a URL inside a command line (blue-green's APP_COMMAND names the registry), once per host and port", () => {
  const appCommand = JSON.stringify(['/usr/local/bin/node', '/x/versioned-app.ts', '--registry', 'http://127.0.0.1:40123']);
  expect(endpointsOf({ APP_COMMAND: appCommand, UPSTREAM_URL: 'http://127.0.0.1:40123/' })).toEqual([
    { variable: 'APP_COMMAND', host: '127.0.0.1', port: 40123, loopback: true },
  ]);
});

test('hosts elsewhere are kept, marked as not loopback; IPv6 brackets are removed', () => {
  expect(endpointsOf({ DATABASE_URL: 'postgres://u:p@db.internal:6432/x', REDIS_URL: 'redis://[::1]:6380' })).toEqual([
    { variable: 'DATABASE_URL', host: 'db.internal', port: 6432, loopback: false },
    { variable: 'REDIS_URL', host: '::1', port: 6380, loopback: true },
  ]);
});

test('text that is no URL, or a URL of an unknown scheme without a port, names nothing', () => {
  expect(endpointsOf({ A: 'not a url', B: 'mailto:x@y', C: 'custom://host/path', D: '["/bin/false"]' })).toEqual([]);
});

test('loopback is localhost, 127.0.0.0/8 and ::1', () => {
  expect(['localhost', '127.0.0.1', '127.3.2.1', '::1', 'a.localhost'].every(isLoopback)).toBe(true);
  expect(['192.0.2.1', '10.0.0.1', 'example.com', '::', '0.0.0.0', '127.0.0'].some(isLoopback)).toBe(false);
});

test('replacing an endpoint changes only the authority of the URLs that name it, byte for byte elsewhere', () => {
  const env = {
    REDIS_URL: 'redis://:s3cr%40t@172.17.0.1:32788',
    DATABASE_URL: 'postgres://u:p@@172.17.0.1:32789/db?sslmode=disable',
    APP_COMMAND: '["node","app.js","--registry=http://172.17.0.1:32788/apps#x"]',
    UPSTREAM_URL: 'http://127.0.0.1:4000/',
    PLAIN: 'http://db.internal/path',
  };
  const replaced = withEndpointsReplaced(env, (host, port) =>
    host === '172.17.0.1' && port === 32788 ? '127.0.0.1:5001' : host === 'db.internal' && port === 80 ? '127.0.0.1:5002' : undefined,
  );
  expect(replaced).toEqual({
    REDIS_URL: 'redis://:s3cr%40t@127.0.0.1:5001',
    DATABASE_URL: env.DATABASE_URL,
    APP_COMMAND: '["node","app.js","--registry=http://127.0.0.1:5001/apps#x"]',
    UPSTREAM_URL: env.UPSTREAM_URL,
    PLAIN: 'http://127.0.0.1:5002/path',
  });
});
