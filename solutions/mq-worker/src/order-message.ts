// The `order.placed` message: parsed and validated, or rejected with the reason it is malformed.

export interface OrderPlaced {
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
}

export type ParsedOrder = { ok: true; order: OrderPlaced } | { ok: false; reason: string };

/** Parses a message body; anything but a complete, well-typed order is malformed. */
export function parseOrder(body: Buffer): ParsedOrder {
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, reason: 'body is not a JSON object' };
  const { orderId, customerId, amountCents, currency } = data as Record<string, unknown>;
  const problems = [
    typeof orderId === 'string' && orderId.length > 0 ? '' : 'orderId must be a non-empty string',
    typeof customerId === 'string' && customerId.length > 0 ? '' : 'customerId must be a non-empty string',
    Number.isSafeInteger(amountCents) && (amountCents as number) > 0 ? '' : 'amountCents must be a positive integer',
    typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? '' : 'currency must be three upper-case letters',
  ].filter(Boolean);
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  return { ok: true, order: { orderId: orderId as string, customerId: customerId as string, amountCents: amountCents as number, currency: currency as string } };
}
