// /auth: register, login (rate-limited), refresh (rotation with reuse detection) and logout.
import { Router, type Request } from 'express';
import type { AccessTokens } from '../access-tokens.ts';
import { authenticate, currentUser } from '../authenticate.ts';
import { assertValid, HttpError, unauthorized } from '../http-error.ts';
import type { LoginLimiter } from '../login-limiter.ts';
import { decoyHash, verifyPassword } from '../passwords.ts';
import type { RefreshTokens } from '../refresh-tokens.ts';
import type { User, Users } from '../users.ts';

export interface AuthDeps {
  users: Users;
  accessTokens: AccessTokens;
  refreshTokens: RefreshTokens;
  limiter: LoginLimiter;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const stringField = (body: unknown, name: string): unknown => (body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined);

function credentials(req: Request): { email: string; password: string } {
  const email = stringField(req.body, 'email');
  const password = stringField(req.body, 'password');
  assertValid({
    email: typeof email === 'string' && email.length <= 254 && emailPattern.test(email) ? undefined : 'must be an email address',
    password: typeof password === 'string' && password.length >= 8 && password.length <= 128 ? undefined : 'must be a string of 8 to 128 characters',
  });
  return { email: (email as string).toLowerCase(), password: password as string };
}

export function authRoutes({ users, accessTokens, refreshTokens, limiter }: AuthDeps): Router {
  const router = Router();

  const tokenPair = async (user: User, refreshToken: string) => ({
    accessToken: await accessTokens.sign(user.id, user.role),
    refreshToken,
    tokenType: 'Bearer',
    expiresIn: accessTokens.ttlSeconds,
  });

  router.post('/register', async (req, res) => {
    const { email, password } = credentials(req);
    const user = await users.create(email, password);
    if (!user) throw new HttpError(409, 'an account with this email already exists');
    res.status(201).json(user);
  });

  router.post('/login', async (req, res) => {
    const { email, password } = credentials(req);
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = await limiter.retryAfter(email, address);
    if (wait > 0) throw new HttpError(429, 'too many failed logins; try again later', { headers: { 'Retry-After': String(wait) } });
    const user = await users.findForLogin(email);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
    if (!user || !matches) {
      await limiter.recordFailure(email, address);
      throw new HttpError(401, 'wrong email or password');
    }
    await limiter.recordSuccess(email, address);
    res.json(await tokenPair(user, await refreshTokens.issue(user.id)));
  });

  router.post('/refresh', async (req, res) => {
    const token = stringField(req.body, 'refreshToken');
    assertValid({ refreshToken: typeof token === 'string' && token.length > 0 ? undefined : 'required' });
    const rotated = await refreshTokens.rotate(token as string);
    const user = rotated && (await users.find(rotated.userId));
    if (!rotated || !user) throw unauthorized();
    res.json(await tokenPair(user, rotated.next));
  });

  router.post('/logout', authenticate(accessTokens, users), async (req, res) => {
    const token = stringField(req.body, 'refreshToken');
    if (typeof token === 'string') await refreshTokens.revokeFamily(token, currentUser(req).id);
    if (req.token) await accessTokens.revoke(req.token);
    res.status(204).end();
  });

  return router;
}
