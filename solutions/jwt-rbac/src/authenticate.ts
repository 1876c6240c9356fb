// Middleware: a valid bearer access token of an existing user sets req.user (role from the users table), else 401.
// `authorize(permission)` then answers 403 for a signed-in user whose role lacks the permission.
import type { NextFunction, Request, Response } from 'express';
import type { AccessClaims, AccessTokens } from './access-tokens.ts';
import { forbidden, unauthorized } from './http-error.ts';
import { can, type Permission } from './permissions.ts';
import type { User, Users } from './users.ts';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
    token?: AccessClaims;
  }
}

export function authenticate(tokens: AccessTokens, users: Users) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const match = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
    const claims = match ? await tokens.verify(match[1]) : undefined;
    const user = claims ? await users.find(claims.sub) : undefined;
    if (!claims || !user) throw unauthorized();
    req.user = user;
    req.token = claims;
    next();
  };
}

export function authorize(permission: Permission) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!req.user) throw unauthorized();
    if (!can(req.user.role, permission)) throw forbidden();
    next();
  };
}

/** The signed-in user (set by authenticate). */
export function currentUser(req: Request): User {
  if (!req.user) throw unauthorized();
  return req.user;
}
