// Parsing and validating query-string and path parameters: a bad value is a 400 with a reason.
export class BadRequest extends Error {}

export function positiveId(value: unknown, name: string): number {
  const n = Number(value);
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,15}$/.test(value) || !Number.isSafeInteger(n)) throw new BadRequest(`${name} must be a positive integer`);
  return n;
}

export function limit(value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^[0-9]+$/.test(value) || n < 1 || n > max) throw new BadRequest(`limit must be an integer from 1 to ${max}`);
  return n;
}

export function timestamp(value: unknown, name: string): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new BadRequest(`${name} must be an ISO 8601 timestamp`);
  return date;
}

export function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new BadRequest(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** An opaque page cursor: base64url of a small JSON object. */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(value: unknown): Record<string, unknown> {
  try {
    const decoded: unknown = typeof value === 'string' ? JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) : undefined;
    if (typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded)) return decoded as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new BadRequest('cursor is not one this service returned');
}
