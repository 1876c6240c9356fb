// Public tests: run them with `npx bch test jwt-rbac <your-dir>`. They cover the basics only; the hidden checks
// that grade you go further (see README.md, "How you are graded").
import { afterAll, expect, test } from 'vitest';
import { uniqueEmail } from '../fixtures/api-client.ts';
import { decodePart } from '../fixtures/forge-token.ts';
import { sharedApi, stopSharedApis } from '../fixtures/start-api.ts';

afterAll(stopSharedApis);

test('register answers 201 with a viewer; an invalid registration answers 400 with field messages', async () => {
  const api = await sharedApi('public');
  const email = uniqueEmail('public');
  const registered = await api.call('POST', '/auth/register', { body: { email, password: 'a fine password' } });
  expect(registered.status, 'POST /auth/register {"email", "password"}').toBe(201);
  expect(registered.body).toMatchObject({ email, role: 'viewer' });
  const invalid = await api.call('POST', '/auth/register', { body: { email: 'nope', password: 'x' } });
  expect(invalid.status, 'POST /auth/register {"email":"nope","password":"x"}').toBe(400);
  expect(invalid.body).toMatchObject({ error: expect.any(String), fields: { email: expect.any(String), password: expect.any(String) } });
});

test('login gives an RS256 access token with sub and role, which opens GET /me', async () => {
  const api = await sharedApi('public');
  const account = await api.register('public-login');
  const session = await api.login(account);
  expect(decodePart(session.accessToken, 0).alg, 'the access token header alg').toBe('RS256');
  expect(session.claims, 'the access token claims').toMatchObject({ sub: account.id, role: 'viewer' });
  const me = await api.call('GET', '/me', { token: session.accessToken });
  expect(me.status, 'GET /me with the access token').toBe(200);
  expect(me.body).toMatchObject({ email: account.email, role: 'viewer' });
  expect((await api.call('GET', '/me')).status, 'GET /me without a token').toBe(401);
  expect(
    (await api.call('POST', '/auth/login', { body: { email: account.email, password: 'wrong password' } })).status,
    'POST /auth/login with a wrong password',
  ).toBe(401);
});

test('refresh returns a new pair', async () => {
  const api = await sharedApi('public');
  const session = await api.login(await api.register('public-refresh'));
  const next = await api.refresh(session.refreshToken);
  expect(next.refreshToken, 'the refresh token is rotated').not.toBe(session.refreshToken);
  expect((await api.call('GET', '/me', { token: next.accessToken })).status, 'GET /me with the new access token').toBe(200);
});

test('an editor creates articles, a viewer reads them and may not create any', async () => {
  const api = await sharedApi('public');
  const { session: editor } = await api.signedIn('public-editor', 'editor');
  const { session: viewer } = await api.signedIn('public-viewer');
  const id = await api.createArticle(editor, 'Hello');
  const read = await api.call('GET', `/articles/${id}`, { token: viewer.accessToken });
  expect(read.status, 'GET /articles/:id as a viewer').toBe(200);
  expect(read.body).toMatchObject({ title: 'Hello' });
  expect(
    (await api.call('POST', '/articles', { token: viewer.accessToken, body: { title: 'No', body: 'No.' } })).status,
    'POST /articles as a viewer',
  ).toBe(403);
});
