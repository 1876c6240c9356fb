// /me for everyone signed in; /users for admins: list, change a role, delete an account.
import { Router } from 'express';
import { authorize, currentUser } from '../authenticate.ts';
import { assertValid, notFound } from '../http-error.ts';
import { isRole, roles } from '../permissions.ts';
import type { Users } from '../users.ts';

export function meRoute(): Router {
  return Router().get('/', (req, res) => {
    res.json(currentUser(req));
  });
}

export function userRoutes(users: Users): Router {
  const router = Router();
  router.use(authorize('users:manage'));

  router.get('/:id', async (req, res) => {
    const user = await users.find(req.params.id);
    if (!user) throw notFound('user');
    res.json(user);
  });

  router.patch('/:id/role', async (req, res) => {
    const role = (req.body as { role?: unknown } | undefined)?.role;
    assertValid({ role: isRole(role) ? undefined : `must be one of ${roles.join(', ')}` });
    const user = await users.setRole(req.params.id, role as (typeof roles)[number]);
    if (!user) throw notFound('user');
    res.json(user);
  });

  router.delete('/:id', async (req, res) => {
    if (!(await users.delete(req.params.id))) throw notFound('user');
    res.status(204).end();
  });

  return router;
}
