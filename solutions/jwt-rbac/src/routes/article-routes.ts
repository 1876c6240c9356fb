// /articles: everyone signed in reads; editors create and change their own; admins change any.
import { Router, type Request } from 'express';
import type { Pool } from 'pg';
import { authorize, currentUser } from '../authenticate.ts';
import { assertValid, forbidden, notFound } from '../http-error.ts';
import { can } from '../permissions.ts';

interface Article {
  id: string;
  title: string;
  body: string;
  authorId: string | null;
  createdAt: string;
  updatedAt: string;
}

const columns = `id::text AS id, title, body, author_id::text AS "authorId", created_at AS "createdAt", updated_at AS "updatedAt"`;
const isId = (id: unknown): id is string => typeof id === 'string' && /^[1-9]\d{0,17}$/.test(id);

/** The title and body of a request; `partial` allows either to be left out (PATCH). */
function articleInput(req: Request, partial: boolean): { title?: string; body?: string } {
  const input = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  const { title, body } = input;
  const valid = (value: unknown, max: number) => (partial && value === undefined) || (typeof value === 'string' && value.trim().length > 0 && value.length <= max);
  assertValid({
    title: valid(title, 200) ? undefined : 'must be a non-empty string of at most 200 characters',
    body: valid(body, 20_000) ? undefined : 'must be a non-empty string of at most 20000 characters',
  });
  return { title: title as string | undefined, body: body as string | undefined };
}

export function articleRoutes(pool: Pool): Router {
  const router = Router();

  const find = async (id: unknown): Promise<Article | undefined> =>
    isId(id) ? (await pool.query<Article>(`SELECT ${columns} FROM articles WHERE id = $1`, [id])).rows[0] : undefined;

  /** The article, if the signed-in user may change it: 404 when missing, 403 when it is someone else's (editors). */
  const changeable = async (req: Request): Promise<Article> => {
    const article = await find(req.params.id);
    if (!article) throw notFound('article');
    const user = currentUser(req);
    if (!can(user.role, 'articles:update-any') && article.authorId !== user.id) throw forbidden();
    return article;
  };

  router.get('/', authorize('articles:read'), async (_req, res) => {
    res.json((await pool.query<Article>(`SELECT ${columns} FROM articles ORDER BY id`)).rows);
  });

  router.get('/:id', authorize('articles:read'), async (req, res) => {
    const article = await find(req.params.id);
    if (!article) throw notFound('article');
    res.json(article);
  });

  router.post('/', authorize('articles:create'), async (req, res) => {
    const { title, body } = articleInput(req, false);
    const created = await pool.query<Article>(`INSERT INTO articles (title, body, author_id) VALUES ($1, $2, $3) RETURNING ${columns}`, [title, body, currentUser(req).id]);
    res.status(201).json(created.rows[0]);
  });

  router.patch('/:id', authorize('articles:update-own'), async (req, res) => {
    const { title, body } = articleInput(req, true);
    const article = await changeable(req);
    const updated = await pool.query<Article>(
      `UPDATE articles SET title = coalesce($2, title), body = coalesce($3, body), updated_at = now() WHERE id = $1 RETURNING ${columns}`,
      [article.id, title ?? null, body ?? null],
    );
    res.json(updated.rows[0]);
  });

  router.delete('/:id', authorize('articles:update-own'), async (req, res) => {
    const article = await changeable(req);
    await pool.query('DELETE FROM articles WHERE id = $1', [article.id]);
    res.status(204).end();
  });

  return router;
}
