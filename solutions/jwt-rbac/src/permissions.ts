// Roles and what each may do, declared in one place. Ownership rules (an editor's own articles) are in articles routes.
export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export type Permission = 'articles:read' | 'articles:create' | 'articles:update-own' | 'articles:update-any' | 'users:manage';

const granted: Record<Role, readonly Permission[]> = {
  viewer: ['articles:read'],
  editor: ['articles:read', 'articles:create', 'articles:update-own'],
  admin: ['articles:read', 'articles:create', 'articles:update-own', 'articles:update-any', 'users:manage'],
};

export function can(role: Role, permission: Permission): boolean {
  return granted[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
