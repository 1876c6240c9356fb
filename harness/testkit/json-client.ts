// The test side of an HTTP JSON API (the candidate's service, or any server a check calls): every call has a time
// limit that covers the whole answer and a byte limit on its body, and a call that gets no answer, or one past the
// limit, fails with a message naming it ("GET /status on instance a got no answer within 5 s"). Answers of any
// status are returned, never thrown.
import { AnswerTooLargeError, defaultMaxAnswerBytes, readBoundedBody } from './read-bounded-body.ts';

export interface JsonReply<T = any> {
  status: number;
  /** The parsed JSON body; the text itself when it is not JSON; undefined when the body is empty. */
  body: T;
  /** The raw body text. */
  text: string;
  headers: Headers;
}

export interface JsonCallOptions {
  /** Sent as JSON; a string is sent as it is (e.g. malformed JSON), with a JSON content type too. */
  body?: unknown;
  headers?: Record<string, string>;
  /** This call's time limit, instead of the client's. */
  timeoutMs?: number;
  /** The most this call reads of the answer's body, instead of the client's. */
  maxBytes?: number;
}

export class JsonClient {
  readonly baseUrl: string;
  readonly #label: string | undefined;
  readonly #timeoutMs: number;
  readonly #maxBytes: number;

  /** `label` names the server in messages ("on instance a"); `timeoutMs` is the default limit of each call (5 s),
   * `maxBytes` the most a call reads of an answer's body (1 MiB): the test worker reads it, outside every sandbox. */
  constructor(baseUrl: string, options: { label?: string; timeoutMs?: number; maxBytes?: number } = {}) {
    this.baseUrl = baseUrl;
    this.#label = options.label;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#maxBytes = options.maxBytes ?? defaultMaxAnswerBytes;
  }

  /** One call; resolves with the answer whatever its status, fails when none arrives within the limit. */
  async request<T = any>(method: string, path: string, options: JsonCallOptions = {}): Promise<JsonReply<T>> {
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const what = `${method} ${path}${this.#label ? ` on ${this.#label}` : ''}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = (await readBoundedBody(response, options.maxBytes ?? this.#maxBytes)).toString('utf8');
    } catch (error) {
      const reason =
        error instanceof AnswerTooLargeError
          ? error.message
          : (error as Error).name === 'TimeoutError'
            ? `got no answer within ${seconds(timeoutMs)} (the call's time limit)`
            : `failed: ${describeFailure(error)}`;
      throw new Error(`${what} ${reason}`, { cause: error });
    }
    return { status: response.status, body: parseBody(text) as T, text, headers: response.headers };
  }

  get<T = any>(path: string, options?: Omit<JsonCallOptions, 'body'>): Promise<JsonReply<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = any>(path: string, body?: unknown, options?: Omit<JsonCallOptions, 'body'>): Promise<JsonReply<T>> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T = any>(path: string, body?: unknown, options?: Omit<JsonCallOptions, 'body'>): Promise<JsonReply<T>> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  patch<T = any>(path: string, body?: unknown, options?: Omit<JsonCallOptions, 'body'>): Promise<JsonReply<T>> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete<T = any>(path: string, options?: Omit<JsonCallOptions, 'body'>): Promise<JsonReply<T>> {
    return this.request<T>('DELETE', path, options);
  }
}

function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** fetch's own message is "fetch failed"; the reason (ECONNREFUSED, a reset socket) is in its cause. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  return detail ? `${(error as Error).message} (${detail})` : (error as Error).message;
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
