// Hidden checks of access-token verification and revocation: forged, altered, expired and revoked tokens must be
// refused with 401, while a valid token (also one the tests sign with the service's own key) is accepted.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect } from 'vitest';
import { check } from '../../../harness/testkit/index.ts';
import type { ApiClient, Session } from '../fixtures/api-client.ts';
import { claimsFor, signHs256, signRs256, signRs256EmbeddedJwk, unsigned, withPayload } from '../fixtures/forge-token.ts';
import { sharedApi, startApi, stopSharedApis } from '../fixtures/start-api.ts';
import { otherKeys, serviceKeys } from '../fixtures/test-keys.ts';

afterAll(stopSharedApis);

/** GET /articles with the token must answer `status`; `what` says which token, for the failure message. */
async function expectRead(api: ApiClient, token: string, status: 200 | 401, what: string): Promise<void> {
  const reply = await api.call('GET', '/articles', { token });
  const rule = status === 200 ? 'must be accepted' : 'must be refused with 401';
  expect(reply.status, `GET /articles with ${what}: ${rule} (answer: ${reply.text.slice(0, 120)})`).toBe(status);
}

/** A signed-in viewer whose own token works. */
async function viewer(api: ApiClient, label: string): Promise<Session> {
  const { session } = await api.signedIn(label);
  await expectRead(api, session.accessToken, 200, 'a valid access token from POST /auth/login');
  return session;
}

/** Fresh claims of the session's user, as the service would issue them. */
const sameUser = (session: Session, role = String(session.claims.role ?? 'viewer')) => claimsFor(String(session.claims.sub), role);

check('alg-none', async () => {
  const api = await sharedApi('tokens');
  const session = await viewer(api, 'alg-none');
  for (const alg of ['none', 'None', 'NONE']) {
    const forged = unsigned(sameUser(session, 'admin'), alg);
    await expectRead(api, forged, 401, `an unsigned token (header alg "${alg}", empty signature)`);
    await expectRead(api, forged.slice(0, -1), 401, `an unsigned token (header alg "${alg}", no signature part)`);
  }
});

check('other-key', async () => {
  const api = await sharedApi('tokens');
  const session = await viewer(api, 'other-key');
  await expectRead(
    api,
    signRs256(sameUser(session), serviceKeys.privateKeyPem),
    200,
    'a token the tests signed with JWT_PRIVATE_KEY (RS256, valid claims of an existing user)',
  );
  await expectRead(api, signRs256(sameUser(session), otherKeys.privateKeyPem), 401, 'an RS256 token signed with a different RSA key');
  await expectRead(
    api,
    signRs256EmbeddedJwk(sameUser(session), otherKeys.privateKeyPem),
    401,
    'an RS256 token signed with a different RSA key that carries that key in its "jwk" header',
  );
  await expectRead(api, signHs256(sameUser(session), 'secret'), 401, 'an HS256 token signed with the secret "secret"');
});

check('alg-confusion', async () => {
  const api = await sharedApi('tokens');
  const session = await viewer(api, 'alg-confusion');
  const pem = serviceKeys.publicKeyPem;
  await expectRead(
    api,
    signHs256(sameUser(session, 'admin'), pem),
    401,
    'an HS256 token whose HMAC secret is JWT_PUBLIC_KEY (algorithm confusion: only RS256 may be accepted)',
  );
  await expectRead(
    api,
    signHs256(sameUser(session, 'admin'), pem.trim()),
    401,
    'an HS256 token whose HMAC secret is JWT_PUBLIC_KEY without its final newline',
  );
});

check('expired-token', async () => {
  const api = await sharedApi('tokens');
  const session = await viewer(api, 'expired-token');
  const { sub, role } = session.claims as { sub: string; role: string };
  await expectRead(
    api,
    signRs256(claimsFor(sub, role, 60), serviceKeys.privateKeyPem),
    200,
    'a token signed with JWT_PRIVATE_KEY that expires in 60 s',
  );
  await expectRead(
    api,
    signRs256(claimsFor(sub, role, -60), serviceKeys.privateKeyPem),
    401,
    'a token signed with JWT_PRIVATE_KEY that expired 60 s ago (the skew allowance is 30 s)',
  );
  await expectRead(
    api,
    signRs256(claimsFor(sub, role, -3600), serviceKeys.privateKeyPem),
    401,
    'a token signed with JWT_PRIVATE_KEY that expired an hour ago',
  );
  const { exp: _exp, ...noExpiry } = claimsFor(sub, role, 60);
  await expectRead(api, signRs256(noExpiry, serviceKeys.privateKeyPem), 401, 'a token signed with JWT_PRIVATE_KEY without an exp claim');
  for (const claim of ['iat', 'jti', 'sub']) {
    const { [claim]: _dropped, ...without } = claimsFor(sub, role, 60);
    await expectRead(
      api,
      signRs256(without, serviceKeys.privateKeyPem),
      401,
      `a token signed with JWT_PRIVATE_KEY without a ${claim} claim (sub, iat, exp and jti are required)`,
    );
  }
});

check('tampered-payload', async () => {
  const api = await sharedApi('tokens');
  const session = await viewer(api, 'tampered-payload');
  const admin = await api.admin();
  const claims = session.claims;
  const variants: [string, Record<string, unknown>][] = [
    ['role changed to admin', { ...claims, role: 'admin' }],
    ["sub changed to the admin's id", { ...claims, sub: admin.claims.sub }],
    ['exp moved a day later', { ...claims, exp: Number(claims.exp) + 86_400 }],
  ];
  for (const [change, payload] of variants) {
    await expectRead(
      api,
      withPayload(session.accessToken, payload),
      401,
      `a real access token whose payload was altered (${change}), header and signature kept`,
    );
  }
  await expectRead(api, session.accessToken, 200, 'the original, unaltered token');
});

check('deleted-user', async () => {
  const api = await sharedApi('tokens');
  const admin = await api.admin();
  const { account, session } = await api.signedIn('deleted-user');
  await expectRead(api, session.accessToken, 200, "the user's access token before the deletion");
  const deleted = await api.call('DELETE', `/users/${account.id}`, { token: admin.accessToken });
  expect(deleted.status, `DELETE /users/${account.id} as the admin`).toBe(204);
  await expectRead(api, session.accessToken, 401, 'the access token of a user deleted since (unexpired, correctly signed)');
  const refresh = await api.call('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } });
  expect(refresh.status, "POST /auth/refresh with a deleted user's refresh token").toBe(401);
});

check('refresh-reuse', async () => {
  const api = await sharedApi('tokens');
  const { account, session: first } = await api.signedIn('refresh-reuse');
  const other = await api.login(account);
  const second = await api.refresh(first.refreshToken);
  const reused = await api.call('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
  expect(reused.status, 'POST /auth/refresh with a refresh token that was already used').toBe(401);
  const successor = await api.call('POST', '/auth/refresh', { body: { refreshToken: second.refreshToken } });
  expect(successor.status, 'after the reuse, the refresh token that replaced the reused one (same family) must be revoked too').toBe(401);
  await api.refresh(other.refreshToken); // another login's family is not affected
});

check('logout-revokes-access', async () => {
  const api = await sharedApi('tokens');
  const { session } = await api.signedIn('logout');
  await expectRead(api, session.accessToken, 200, 'the access token before logout');
  const logout = await api.call('POST', '/auth/logout', { token: session.accessToken, body: { refreshToken: session.refreshToken } });
  expect(logout.status, 'POST /auth/logout with the access token and {"refreshToken"}').toBe(204);
  await expectRead(api, session.accessToken, 401, 'the access token after POST /auth/logout (unexpired: it must be on a deny-list)');
  expect((await api.call('GET', '/me', { token: session.accessToken })).status, 'GET /me with the logged-out access token').toBe(401);
  await sleep(1_500);
  await expectRead(
    api,
    session.accessToken,
    401,
    'the access token 1.5 s after POST /auth/logout (the deny-list entry must live as long as the token: a TTL in ms given as seconds, or the reverse, lets it back in)',
  );
});

check('refresh-expiry', async () => {
  const api = await startApi('refresh-expiry', { REFRESH_TOKEN_TTL_SECONDS: '3' });
  const { account, session: early } = await api.signedIn('refresh-expiry');
  await api.refresh(early.refreshToken); // within its lifetime it works
  const late = await api.login(account);
  await sleep(4_500);
  const reply = await api.call('POST', '/auth/refresh', { body: { refreshToken: late.refreshToken } });
  expect(reply.status, 'POST /auth/refresh with a refresh token issued 4.5 s ago, REFRESH_TOKEN_TTL_SECONDS 3: expired').toBe(401);
});

check('refresh-race', async () => {
  const api = await sharedApi('tokens');
  const { account } = await api.signedIn('refresh-race');
  for (let round = 1; round <= 3; round += 1) {
    const { refreshToken } = await api.login(account);
    const replies = await Promise.all(Array.from({ length: 8 }, () => api.call('POST', '/auth/refresh', { body: { refreshToken } })));
    const statuses = replies.map((reply) => reply.status);
    expect(
      statuses.filter((status) => status === 200).length,
      `round ${round}: 8 concurrent POST /auth/refresh with one refresh token answered ${statuses.join(', ')}; at most one may get a new pair (spend the token in one atomic statement)`,
    ).toBeLessThanOrEqual(1);
    expect(
      statuses.every((status) => status === 200 || status === 401),
      `round ${round}: the others are refused with 401 (got ${statuses.join(', ')})`,
    ).toBe(true);
  }
});
