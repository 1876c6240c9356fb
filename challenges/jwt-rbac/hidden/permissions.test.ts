// Hidden checks of role-based access: what each role may and may not do, ownership of articles, role changes,
// and that the role is never taken from the request.
import { afterAll, expect } from 'vitest';
import { check } from '../../../harness/testkit/index.ts';
import type { ApiClient, Session } from '../fixtures/api-client.ts';
import { sharedApi, stopSharedApis } from '../fixtures/start-api.ts';

afterAll(stopSharedApis);

/** Calls the API as `who` and expects `status`, with a message naming the role, the request and the rule. */
async function expectStatus(
  api: ApiClient,
  who: string,
  session: Session,
  method: string,
  path: string,
  status: number,
  body?: object,
): Promise<void> {
  const reply = await api.call(method, path, { token: session.accessToken, body });
  const rule = status === 403 ? 'must be refused with 403' : `must answer ${status}`;
  expect(
    reply.status,
    `${method} ${path}${body ? ` ${JSON.stringify(body)}` : ''} as ${who}: ${rule} (answer: ${reply.text.slice(0, 120)})`,
  ).toBe(status);
}

const edit = { title: 'Changed title' };

check('role-permissions', async () => {
  const api = await sharedApi('permissions');
  const admin = await api.admin();
  const { account: viewerAccount, session: viewer } = await api.signedIn('rbac-viewer');
  const { account: editorAccount, session: editor } = await api.signedIn('rbac-editor', 'editor', admin);
  const adminArticle = await api.createArticle(admin);

  await expectStatus(api, 'a viewer', viewer, 'GET', '/articles', 200);
  await expectStatus(api, 'a viewer', viewer, 'GET', `/articles/${adminArticle}`, 200);
  await expectStatus(api, 'a viewer', viewer, 'POST', '/articles', 403, { title: 'Nope', body: 'No.' });
  await expectStatus(api, 'a viewer', viewer, 'PATCH', `/articles/${adminArticle}`, 403, edit);
  await expectStatus(
    api,
    'a viewer, on a missing article (403 for a role that can never edit comes before 404)',
    viewer,
    'PATCH',
    '/articles/999999999',
    403,
    edit,
  );
  await expectStatus(api, 'a viewer', viewer, 'DELETE', `/articles/${adminArticle}`, 403);
  await expectStatus(api, 'a viewer', viewer, 'PATCH', `/users/${editorAccount.id}/role`, 403, { role: 'viewer' });
  await expectStatus(api, 'a viewer', viewer, 'DELETE', `/users/${editorAccount.id}`, 403);

  const created = await api.call('POST', '/articles', { token: editor.accessToken, body: { title: 'Mine', body: 'Text.' } });
  expect(created.status, 'POST /articles as an editor').toBe(201);
  expect(created.body, 'the created article').toMatchObject({ title: 'Mine', body: 'Text.' });
  expect(String(created.body.authorId), "the created article's authorId is the editor's id").toBe(editorAccount.id);
  const own = String(created.body.id);
  await expectStatus(api, 'an editor', editor, 'GET', '/articles', 200);
  await expectStatus(api, 'an editor, on their own article', editor, 'PATCH', `/articles/${own}`, 200, edit);
  await expectStatus(api, 'an editor', editor, 'PATCH', `/users/${viewerAccount.id}/role`, 403, { role: 'editor' });
  await expectStatus(api, 'an editor', editor, 'DELETE', `/users/${viewerAccount.id}`, 403);
  await expectStatus(api, 'an editor, on their own article', editor, 'DELETE', `/articles/${own}`, 204);
  await expectStatus(api, 'an editor', editor, 'GET', `/articles/${own}`, 404);

  const editorArticle = await api.createArticle(editor);
  await expectStatus(api, "the admin, on an editor's article", admin, 'PATCH', `/articles/${editorArticle}`, 200, edit);
  await expectStatus(api, "the admin, on an editor's article", admin, 'DELETE', `/articles/${editorArticle}`, 204);
  await expectStatus(api, 'the admin', admin, 'GET', `/users/${viewerAccount.id}`, 200);
  await expectStatus(api, 'the admin', admin, 'PATCH', `/users/${viewerAccount.id}/role`, 200, { role: 'viewer' });
});

check('no-idor', async () => {
  const api = await sharedApi('permissions');
  const admin = await api.admin();
  const { session: author } = await api.signedIn('idor-author', 'editor', admin);
  const { account: intruderAccount, session: intruder } = await api.signedIn('idor-intruder', 'editor', admin);
  const article = await api.createArticle(author, 'Original title');

  await expectStatus(api, "another editor (not the article's author)", intruder, 'PATCH', `/articles/${article}`, 403, edit);
  await expectStatus(api, "another editor (not the article's author)", intruder, 'PATCH', `/articles/${article}`, 403, {
    ...edit,
    authorId: intruderAccount.id,
  });
  await expectStatus(api, "another editor (not the article's author)", intruder, 'DELETE', `/articles/${article}`, 403);
  const read = await api.call('GET', `/articles/${article}`, { token: author.accessToken });
  expect(read.status, 'the article still exists').toBe(200);
  expect(read.body?.title, "the article is unchanged after another editor's attempts").toBe('Original title');
  await expectStatus(api, 'its author', author, 'PATCH', `/articles/${article}`, 200, edit);
  await expectStatus(api, 'an editor, on a missing article', intruder, 'PATCH', '/articles/999999999', 404, edit);
  const moved = await api.call('PATCH', `/articles/${article}`, {
    token: author.accessToken,
    body: { ...edit, authorId: intruderAccount.id },
  });
  expect(moved.status, 'PATCH of its own article by the author, with an authorId in the body').toBe(200);
  expect(String(moved.body?.authorId), 'authorId in a PATCH body is ignored: the article keeps its author').toBe(String(author.claims.sub));
  await expectStatus(api, 'the intruder, after the author sent its id as authorId', intruder, 'PATCH', `/articles/${article}`, 403, edit);
});

check('role-change', async () => {
  const api = await sharedApi('permissions');
  const admin = await api.admin();
  const { account, session: before } = await api.signedIn('role-change');
  await expectStatus(api, 'a viewer', before, 'POST', '/articles', 403, { title: 'Too early', body: 'No.' });

  const promoted = await api.call('PATCH', `/users/${account.id}/role`, { token: admin.accessToken, body: { role: 'editor' } });
  expect(promoted.status, 'PATCH /users/:id/role {"role":"editor"} as the admin').toBe(200);
  expect(promoted.body?.role, 'the answer shows the new role').toBe('editor');

  const afterLogin = await api.login(account);
  expect(afterLogin.claims.role, 'the role claim of a token from a login after the promotion').toBe('editor');
  await api.createArticle(afterLogin);
  const afterRefresh = await api.refresh(before.refreshToken);
  expect(afterRefresh.claims.role, 'the role claim of an access token from POST /auth/refresh after the promotion').toBe('editor');

  await api.setRole(admin, account.id, 'viewer');
  const demoted = await api.login(account);
  expect(demoted.claims.role, 'the role claim of a token from a login after the demotion').toBe('viewer');
  await expectStatus(api, 'a user demoted to viewer (new token)', demoted, 'POST', '/articles', 403, { title: 'Too late', body: 'No.' });
});

check('role-from-records', async () => {
  const api = await sharedApi('permissions');
  const { account, session: viewer } = await api.signedIn('role-from-records');
  await expectStatus(api, 'a viewer whose body says "role": "editor"', viewer, 'POST', '/articles', 403, {
    title: 'Sneaky',
    body: 'No.',
    role: 'editor',
  });
  await expectStatus(api, 'a viewer whose body says "role": "admin"', viewer, 'PATCH', `/users/${account.id}/role`, 403, { role: 'admin' });
  await expectStatus(api, 'a viewer with ?role=admin', viewer, 'DELETE', `/users/${account.id}?role=admin`, 403);
  const me = await api.call('GET', '/me', { token: viewer.accessToken });
  expect(me.body?.role, 'GET /me: the viewer is still a viewer').toBe('viewer');
});
