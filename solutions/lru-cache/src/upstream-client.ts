// The product catalog (the upstream): slow, and sometimes failing or hanging. Every call is bounded by a timeout,
// and every way it can fail (5xx, timeout, connection error, unreadable reply) becomes one UpstreamError.

/** A product as the catalog returns it: a JSON object, passed through untouched. */
export type Product = Record<string, unknown>;

/** The upstream's answer to a write it did not fail on (2xx or 4xx). */
export interface UpstreamReply {
  status: number;
  body: unknown;
}

export class UpstreamError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UpstreamError';
  }
}

export class UpstreamClient {
  readonly #baseUrl: string;
  readonly #timeoutMs: number;

  constructor(options: { baseUrl: string; timeoutMs: number }) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs;
  }

  /** The product, or undefined when the catalog has no such product (404). */
  async getProduct(id: string): Promise<Product | undefined> {
    const { status, text } = await this.#request('GET', id);
    if (status === 404) return undefined;
    if (status !== 200) throw new UpstreamError(`upstream GET answered ${status}`);
    const product = parseJson(text);
    if (!isProduct(product)) throw new UpstreamError('upstream GET answered 200 without a JSON object');
    return product;
  }

  /** Applies `changes` to the product (the catalog upserts); a 5xx or no answer is an UpstreamError. */
  async putProduct(id: string, changes: unknown): Promise<UpstreamReply> {
    const { status, text } = await this.#request('PUT', id, JSON.stringify(changes));
    if (status >= 500) throw new UpstreamError(`upstream PUT answered ${status}`);
    const body = parseJson(text);
    if (body === undefined) {
      if (status >= 200 && status < 300) throw new UpstreamError(`upstream PUT answered ${status} without a JSON body`);
      return { status, body: { error: `upstream rejected the update (${status})` } };
    }
    return { status, body };
  }

  async #request(method: 'GET' | 'PUT', id: string, body?: string): Promise<{ status: number; text: string }> {
    const url = `${this.#baseUrl}/products/${encodeURIComponent(id)}`;
    try {
      // The signal also bounds reading the body: a reply that stalls halfway times out too.
      const response = await fetch(url, {
        method,
        body,
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `timed out after ${this.#timeoutMs} ms` : 'failed';
      throw new UpstreamError(`upstream ${method} ${reason}`, { cause: error });
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether `value` has the shape of a product (a JSON object). */
export function isProduct(value: unknown): value is Product {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
