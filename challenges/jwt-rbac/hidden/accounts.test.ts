// Hidden checks of accounts: the register/login/refresh/logout flow, input errors, passwords at rest and in
// answers, mass assignment of the role, SQL injection in the login fields, and the failed-login limit.
import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { afterAll, expect } from 'vitest';
import { check, gradeContext } from '../../../harness/testkit/index.ts';
import { uniqueEmail, type Reply } from '../fixtures/api-client.ts';
import { weakForms, slowHashFormat } from '../fixtures/fast-hashes.ts';
import { checkPasswordHash } from '../fixtures/password-hash.ts';
import { decodePart } from '../fixtures/forge-token.ts';
import { sharedApi, stopSharedApis, startApi } from '../fixtures/start-api.ts';
import { rowsOfEmail, storedRows } from '../fixtures/stored-rows.ts';
import { serviceKeys } from '../fixtures/test-keys.ts';

afterAll(stopSharedApis);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the token's RS256 signature verifies with the service's public key. */
function signedWithServiceKey(token: string): boolean {
  const [header, payload, signature] = token.split('.');
  return verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey(serviceKeys.publicKeyPem),
    Buffer.from(signature ?? '', 'base64url'),
  );
}

/** Every error answer is a JSON object with a string `error`, and shows no stack trace. */
function expectJsonError(reply: Reply, what: string): void {
  expect(typeof reply.body?.error, `${what}: the answer must be JSON {"error": "…"} (got ${reply.text.slice(0, 120)})`).toBe('string');
  expect(reply.text, `${what}: the answer must not show a stack trace`).not.toMatch(/\n\s+at |\bat .+\(.+:\d+:\d+\)/);
}

check('auth-flow', async () => {
  const api = await sharedApi('accounts');
  const tokenTtlSeconds = Number(gradeContext().env.ACCESS_TOKEN_TTL_SECONDS);
  const email = uniqueEmail('flow');
  const password = 'correct horse battery';
  const registered = await api.call('POST', '/auth/register', { body: { email, password } });
  expect(registered.status, 'POST /auth/register of a valid new account').toBe(201);
  expect(registered.body, 'the registered user').toMatchObject({ email, role: 'viewer' });
  const id = String(registered.body.id);

  const loginReply = await api.call('POST', '/auth/login', { body: { email, password } });
  expect(
    { tokenType: loginReply.body?.tokenType, expiresIn: loginReply.body?.expiresIn },
    'POST /auth/login answers tokenType "Bearer" and expiresIn = ACCESS_TOKEN_TTL_SECONDS (seconds)',
  ).toEqual({ tokenType: 'Bearer', expiresIn: tokenTtlSeconds });
  const login = await api.login({ email, password });
  const header = decodePart(login.accessToken, 0);
  expect(header.alg, 'the access token header alg').toBe('RS256');
  expect(signedWithServiceKey(login.accessToken), 'the access token must be signed with JWT_PRIVATE_KEY (RS256)').toBe(true);
  const { sub, role, jti, iat, exp } = login.claims as Record<string, unknown>;
  expect({ sub, role }, 'the access token claims sub (the user id as a string) and role').toEqual({ sub: id, role: 'viewer' });
  expect(typeof jti === 'string' && jti.length > 0, 'the access token has a jti (a unique string)').toBe(true);
  expect(typeof iat === 'number' && Math.abs(iat - Date.now() / 1000) < 60, 'iat is the issue time in seconds').toBe(true);
  expect(Number(exp) - Number(iat), 'exp - iat must equal ACCESS_TOKEN_TTL_SECONDS').toBe(tokenTtlSeconds);

  const me = await api.call('GET', '/me', { token: login.accessToken });
  expect(me.status, 'GET /me with the access token').toBe(200);
  expect(me.body, 'GET /me').toMatchObject({ email, role: 'viewer' });
  expect(String(me.body.id), 'GET /me id').toBe(id);

  const again = await api.login({ email, password });
  expect(again.claims.jti, 'two logins give access tokens with different jti').not.toBe(jti);

  const refreshed = await api.refresh(login.refreshToken);
  expect(refreshed.refreshToken, 'POST /auth/refresh returns a new refresh token (rotation)').not.toBe(login.refreshToken);
  expect(refreshed.claims.sub, 'the refreshed access token is for the same user').toBe(id);
  expect((await api.call('GET', '/me', { token: refreshed.accessToken })).status, 'GET /me with the refreshed access token').toBe(200);

  const logout = await api.call('POST', '/auth/logout', { token: refreshed.accessToken, body: { refreshToken: refreshed.refreshToken } });
  expect(logout.status, 'POST /auth/logout').toBe(204);
  const afterLogout = await api.call('POST', '/auth/refresh', { body: { refreshToken: refreshed.refreshToken } });
  expect(afterLogout.status, 'POST /auth/refresh with the refresh token given to logout').toBe(401);

  const wrong = await api.call('POST', '/auth/login', { body: { email, password: 'not the password' } });
  expect(wrong.status, 'POST /auth/login with a wrong password').toBe(401);
  const unknown = await api.call('POST', '/auth/login', { body: { email: uniqueEmail('nobody'), password } });
  expect(unknown.status, 'POST /auth/login with an unknown email').toBe(401);
});

check('input-errors', async () => {
  const api = await sharedApi('accounts');
  const invalid = await api.call('POST', '/auth/register', { body: { email: 'not-an-email', password: 'short' } });
  expect(invalid.status, 'POST /auth/register {"email":"not-an-email","password":"short"}').toBe(400);
  expectJsonError(invalid, 'an invalid registration');
  expect(typeof invalid.body?.fields?.email, 'a 400 names each invalid field: fields.email').toBe('string');
  expect(typeof invalid.body?.fields?.password, 'a 400 names each invalid field: fields.password').toBe('string');
  const missing = await api.call('POST', '/auth/register', { body: {} });
  expect(missing.status, 'POST /auth/register {}').toBe(400);
  const malformed = await api.call('POST', '/auth/register', { body: '{"email": "a@b.co", "password": ' });
  expect(malformed.status, 'POST /auth/register with a body that is not valid JSON').toBe(400);
  expectJsonError(malformed, 'a malformed JSON body');

  const account = await api.register('input-errors');
  const duplicate = await api.call('POST', '/auth/register', { body: { email: account.email, password: 'another password' } });
  expect(duplicate.status, 'POST /auth/register with an email already registered').toBe(409);
  expectJsonError(duplicate, 'a duplicate registration');

  for (const token of [undefined, 'garbage', 'a.b.c']) {
    const reply = await api.call('GET', '/articles', { token });
    expect(reply.status, `GET /articles with ${token === undefined ? 'no Authorization header' : `"Bearer ${token}"`}`).toBe(401);
    expectJsonError(reply, 'a 401');
  }

  const admin = await api.admin();
  for (const id of ['999999999', 'not-an-id']) {
    const reply = await api.call('GET', `/articles/${id}`, { token: admin.accessToken });
    expect(reply.status, `GET /articles/${id} (no such article)`).toBe(404);
    expectJsonError(reply, 'a 404');
  }
  const noTitle = await api.call('POST', '/articles', { token: admin.accessToken, body: { title: '', body: 'Text.' } });
  expect(noTitle.status, 'POST /articles {"title":"","body":"Text."}').toBe(400);
  expect(typeof noTitle.body?.fields?.title, 'fields.title of the 400').toBe('string');
  const badRole = await api.call('PATCH', `/users/${account.id}/role`, { token: admin.accessToken, body: { role: 'superuser' } });
  expect(badRole.status, 'PATCH /users/:id/role {"role":"superuser"}').toBe(400);
  expect(typeof badRole.body?.fields?.role, 'fields.role of the 400').toBe('string');
  const noUser = await api.call('PATCH', '/users/999999999/role', { token: admin.accessToken, body: { role: 'editor' } });
  expect(noUser.status, 'PATCH /users/999999999/role (no such user)').toBe(404);
});

/** A valid email of exactly `length` characters (labels of at most 63, as any validator allows). */
function emailOfLength(length: number): string {
  const local = `len-${randomUUID().slice(0, 8)}`;
  const domain = Array.from({ length: length - local.length - 1 - '.com'.length }, (_, i) => (i % 61 === 60 ? '.' : 'd')).join('');
  return `${local}@${domain.replace(/\.$/, 'e')}.com`;
}

check('input-limits', async () => {
  const api = await sharedApi('accounts');
  const register = (email: string, password = 'long enough password') => api.call('POST', '/auth/register', { body: { email, password } });
  const longest = emailOfLength(254);
  expect(longest.length).toBe(254);
  expect((await register(longest)).status, 'POST /auth/register with an email of exactly 254 characters (the most allowed)').toBe(201);
  expect((await register(emailOfLength(255))).status, 'POST /auth/register with an email of 255 characters').toBe(400);
  expect((await register(uniqueEmail('pw8'), '8chars!!')).status, 'POST /auth/register with a password of exactly 8 characters').toBe(201);
  expect((await register(uniqueEmail('pw7'), '7chars!')).status, 'POST /auth/register with a password of 7 characters').toBe(400);
  expect(
    (await register(uniqueEmail('pw128'), 'p'.repeat(128))).status,
    'POST /auth/register with a password of exactly 128 characters',
  ).toBe(201);
  expect((await register(uniqueEmail('pw129'), 'p'.repeat(129))).status, 'POST /auth/register with a password of 129 characters').toBe(400);

  const email = uniqueEmail('case');
  const mixed = email.replace(/^./, (c) => c.toUpperCase()).replace('@example', '@Example');
  expect((await register(email)).status).toBe(201);
  expect((await register(mixed)).status, `POST /auth/register of ${mixed} when ${email} exists: emails compare case-insensitively`).toBe(
    409,
  );
  expect(
    (await api.call('POST', '/auth/login', { body: { email: mixed, password: 'long enough password' } })).status,
    `POST /auth/login as ${mixed} for the account ${email}`,
  ).toBe(200);

  const admin = await api.admin();
  const article = (title: string) => api.call('POST', '/articles', { token: admin.accessToken, body: { title, body: 'Text.' } });
  expect((await article('t'.repeat(200))).status, 'POST /articles with a title of exactly 200 characters').toBe(201);
  expect((await article('t'.repeat(201))).status, 'POST /articles with a title of 201 characters').toBe(400);
});

check('mass-assignment', async () => {
  const api = await sharedApi('accounts');
  const email = uniqueEmail('mass');
  const password = 'mass assignment pw';
  const registered = await api.call('POST', '/auth/register', { body: { email, password, role: 'admin' } });
  expect(registered.status, 'POST /auth/register with "role": "admin" in the body (the role must be ignored)').toBe(201);
  expect(registered.body?.role, 'the role of a user who registered with "role": "admin" in the body').toBe('viewer');
  const session = await api.login({ email, password });
  expect(session.claims.role, "the token's role claim").toBe('viewer');
  const me = await api.call('GET', '/me', { token: session.accessToken });
  expect(me.body?.role, 'GET /me role').toBe('viewer');
  const create = await api.call('POST', '/articles', { token: session.accessToken, body: { title: 'Mass', body: 'Assignment.' } });
  expect(create.status, 'POST /articles by a user who registered with "role": "admin"').toBe(403);
  const users = await api.call('GET', `/users/${registered.body?.id}`, { token: session.accessToken });
  expect(users.status, 'GET /users/:id (admin only) by a user who registered with "role": "admin"').toBe(403);
  const editorEmail = uniqueEmail('mass-editor');
  const asEditor = await api.call('POST', '/auth/register', { body: { email: editorEmail, password, role: 'editor' } });
  expect(asEditor.status, 'POST /auth/register with "role": "editor" in the body (the role must be ignored)').toBe(201);
  expect(asEditor.body?.role, 'a new account is always a viewer, also when the body asks for "role": "editor"').toBe('viewer');
  const editorSession = await api.login({ email: editorEmail, password });
  expect(
    (await api.call('POST', '/articles', { token: editorSession.accessToken, body: { title: 'Mass', body: 'Editor.' } })).status,
    'POST /articles by a user who registered with "role": "editor"',
  ).toBe(403);
});

check('sql-injection', async () => {
  const api = await sharedApi('accounts');
  const quoted = await api.register("o'brien", 'apostrophe password');
  const legit = await api.call('POST', '/auth/login', { body: { email: quoted.email, password: quoted.password } });
  expect(
    legit.status,
    `POST /auth/login of ${quoted.email} (an apostrophe is valid in an email) with the right password answered ${legit.text.slice(0, 120)}: build queries with parameters, never by concatenating input`,
  ).toBe(200);
  const accessToken = String(legit.body?.accessToken);
  const attempts: { email: string; password: string }[] = [
    { email: `${quoted.email}'--`, password: 'x'.repeat(12) },
    { email: "'OR'1'='1'--@example.com", password: 'x'.repeat(12) },
    { email: "x'OR'x'='x@example.com", password: "' OR '1'='1" },
    { email: "x';SELECT/**/pg_sleep(3);--@example.com", password: 'x'.repeat(12) },
    { email: quoted.email, password: "' OR '1'='1' --" },
  ];
  for (const attempt of attempts) {
    const started = Date.now();
    const reply = await api.call('POST', '/auth/login', { body: attempt });
    const what = `POST /auth/login ${JSON.stringify(attempt)}`;
    expect([400, 401], `${what}: must be refused with 400 or 401, got ${reply.status} ${reply.text.slice(0, 120)}`).toContain(reply.status);
    expect(reply.text, `${what}: the answer must not show database errors`).not.toMatch(/syntax|sql|postgres|relation|column/i);
    expect(Date.now() - started, `${what}: took as long as the injected pg_sleep`).toBeLessThan(2_500);
  }
  expect((await api.call('GET', '/me', { token: accessToken })).status, 'the database still works after the attempts').toBe(200);
});

check('password-storage', async () => {
  const api = await sharedApi('accounts');
  const password = `stored-${Date.now()}-pw`;
  const first = await api.register('storage-a', password);
  const second = await api.register('storage-b', password);
  const session = await api.login(first);
  const rows = await storedRows();
  for (const row of rows) {
    for (const [column, value] of Object.entries(row.values)) {
      for (const [name, form] of weakForms(password)) {
        const found = name.includes('hex') ? value.toLowerCase().includes(form) : value.includes(form);
        expect(
          found,
          `${row.table}.${column} holds ${name}: store passwords only as a salted slow hash (bcrypt, scrypt, argon2 or PBKDF2, see the statement)`,
        ).toBe(false);
      }
      const token = Buffer.from(session.refreshToken);
      for (const [encoding, form] of [
        ['plain text', session.refreshToken],
        ['base64', token.toString('base64').replace(/=+$/, '')],
        ['base64url', token.toString('base64url')],
        ['hex', token.toString('hex')],
      ]) {
        expect(value.includes(form), `${row.table}.${column} holds a refresh token in ${encoding}: store a hash of it`).toBe(false);
      }
    }
  }
  const hashes: string[] = [];
  for (const account of [first, second]) {
    const own = rowsOfEmail(rows, account.email);
    expect(own.length, `no table has a text column holding the email ${account.email} of a registered user`).toBeGreaterThan(0);
    const hash = own.flatMap((row) => Object.values(row.values)).find((value) => slowHashFormat.test(value));
    expect(
      hash,
      `the row of ${account.email} has no password hash in an accepted format ($2b$…, $argon2id$…, $scrypt$…, $pbkdf2-sha256$…; see the statement)`,
    ).toBeDefined();
    // The format is only what the text says of itself: the hash is recomputed from the password with its parameters.
    const recomputed = await checkPasswordHash(hash!, password);
    expect(
      recomputed.ok ? '' : recomputed.reason,
      `the password hash in the row of ${account.email} (${hash!.slice(0, 30)}…), recomputed from the password with the algorithm and parameters it names`,
    ).toBe('');
    hashes.push(hash!);
  }
  expect(hashes[0], 'two users with the same password must have different hashes (a random salt per password)').not.toBe(hashes[1]);
});

check('no-secret-leak', async () => {
  const api = await sharedApi('accounts');
  const admin = await api.admin();
  const password = `leak-${Date.now()}-pw`;
  const email = uniqueEmail('leak');
  const replies: [string, Reply][] = [];
  const record = async (what: string, reply: Promise<Reply>) => {
    replies.push([what, await reply]);
    return (await reply).body;
  };
  const registered = await record('POST /auth/register', api.call('POST', '/auth/register', { body: { email, password } }));
  expect(replies[0][1].status, 'POST /auth/register of a valid new account').toBe(201);
  const id = String(registered?.id);
  await record('POST /auth/register (duplicate)', api.call('POST', '/auth/register', { body: { email, password } }));
  await record('POST /auth/login (wrong password)', api.call('POST', '/auth/login', { body: { email, password: `${password}-wrong` } }));
  const login = await record('POST /auth/login', api.call('POST', '/auth/login', { body: { email, password } }));
  expect(replies.at(-1)?.[1].status, 'POST /auth/login with the right password').toBe(200);
  await record('GET /me', api.call('GET', '/me', { token: login?.accessToken }));
  await record('POST /auth/refresh', api.call('POST', '/auth/refresh', { body: { refreshToken: login?.refreshToken } }));
  await record('GET /users/:id (admin)', api.call('GET', `/users/${id}`, { token: admin.accessToken }));
  await record(
    'PATCH /users/:id/role (admin)',
    api.call('PATCH', `/users/${id}/role`, { token: admin.accessToken, body: { role: 'editor' } }),
  );

  // The stored secrets: the password hash, and any other long token-like value of the user's row (not its id).
  const own = rowsOfEmail(await storedRows(), email).flatMap((row) => Object.entries(row.values));
  const stored = own.filter(
    ([, value]) => value !== id && !uuid.test(value) && (slowHashFormat.test(value) || /^[\w+/=.$-]{32,}$/.test(value)),
  );
  const secrets: [string, string][] = [
    ['the password', password],
    ...stored.map(([column, value]): [string, string] => [`the stored ${column}`, value]),
  ];
  for (const [what, reply] of replies) {
    const seen = `${[...reply.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n${reply.text}`;
    for (const [name, secret] of secrets) expect(seen.includes(secret), `the answer to ${what} contains ${name}`).toBe(false);
  }
  const output = api.instance.output();
  for (const [name, secret] of secrets)
    expect(output.includes(secret), `the service's output (stdout/stderr) contains ${name}: never log it`).toBe(false);
});

check('brute-force', async () => {
  const maxFailures = 4;
  const perAddress = 10;
  const windowSeconds = 120;
  const api = await startApi('brute-force', {
    LOGIN_MAX_FAILURES: String(maxFailures),
    LOGIN_MAX_FAILURES_PER_ADDRESS: String(perAddress),
    LOGIN_WINDOW_SECONDS: String(windowSeconds),
  });
  const target = await api.register('brute-target', 'the right password');
  const bystander = await api.register('brute-bystander', 'another right password');
  const login = (account: { email: string; password: string }) =>
    api.call('POST', '/auth/login', { body: { email: account.email, password: account.password } });

  for (let i = 1; i <= maxFailures; i += 1) {
    expect((await login({ ...target, password: `wrong guess ${i}` })).status, `failed login ${i} of ${maxFailures} for one account`).toBe(
      401,
    );
  }
  const locked = await login(target);
  expect(
    locked.status,
    `after ${maxFailures} failed logins (LOGIN_MAX_FAILURES) within the window, a login to that account, even with the right password`,
  ).toBe(429);
  expectRetryAfter(locked, windowSeconds);
  expect((await login(bystander)).status, "another account, from the same address, is not locked by one account's failures").toBe(200);

  let attempts = 0;
  let reply: Reply;
  do {
    attempts += 1;
    reply = await login({ email: uniqueEmail('brute-unknown'), password: 'guessing passwords' });
  } while (reply.status === 401 && attempts < perAddress + 1);
  expect(
    reply.status,
    `failed logins on ${attempts} different unknown emails from one address (LOGIN_MAX_FAILURES_PER_ADDRESS ${perAddress}) must end in 429`,
  ).toBe(429);
  expectRetryAfter(reply, windowSeconds);
  const blocked = await login(bystander);
  expect(
    blocked.status,
    'a login from an address over LOGIN_MAX_FAILURES_PER_ADDRESS, to an account with no failures, with the right password',
  ).toBe(429);
});

function expectRetryAfter(reply: Reply, windowSeconds: number): void {
  const retryAfter = reply.headers.get('retry-after');
  expect(retryAfter, 'a 429 must carry a Retry-After header (seconds)').toMatch(/^\d+$/);
  expect(Number(retryAfter), `Retry-After in seconds, from 1 to LOGIN_WINDOW_SECONDS (${windowSeconds})`).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(windowSeconds);
  expectJsonErrorShape(reply);
}

function expectJsonErrorShape(reply: Reply): void {
  expect(typeof reply.body?.error, `a 429 answer is JSON {"error": "…"} (got ${reply.text.slice(0, 120)})`).toBe('string');
}
