// The payment service's client: one charge per call, with the order id as idempotency key, so a charge
// repeated after a timeout or a crash is answered with the first charge instead of charging again.
import type { OrderPlaced } from './order-message.ts';

export interface Charge {
  chargeId: string;
  status: 'succeeded' | 'declined';
}

/** A failure worth retrying (5xx, timeout, connection error) or not (4xx, unreadable answer). */
export class ChargeError extends Error {
  readonly transient: boolean;
  constructor(message: string, transient: boolean) {
    super(message);
    this.name = 'ChargeError';
    this.transient = transient;
  }
}

export class PaymentClient {
  readonly #url: string;
  readonly #timeoutMs: number;

  constructor(url: string, timeoutMs: number) {
    this.#url = url;
    this.#timeoutMs = timeoutMs;
  }

  /** Charges the order once; throws a ChargeError. */
  async charge(order: OrderPlaced): Promise<Charge> {
    let response: Response;
    try {
      response = await fetch(`${this.#url}/charges`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': order.orderId },
        body: JSON.stringify(order),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new ChargeError(timedOut ? `no answer within ${this.#timeoutMs} ms` : `request failed: ${(error as Error).message}`, true);
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 500) throw new ChargeError(`payment service answered ${response.status}`, true);
    if (!response.ok) throw new ChargeError(`payment service rejected the charge with ${response.status}: ${text.slice(0, 200)}`, false);
    let body: { id?: unknown; status?: unknown };
    try {
      body = JSON.parse(text);
    } catch {
      throw new ChargeError('payment service answered with a body that is not JSON', true);
    }
    if (typeof body.id !== 'string' || (body.status !== 'succeeded' && body.status !== 'declined')) {
      throw new ChargeError(`payment service answered with an unexpected body: ${text.slice(0, 200)}`, true);
    }
    return { chargeId: body.id, status: body.status };
  }
}
