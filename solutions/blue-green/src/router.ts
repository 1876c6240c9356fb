// The traffic side: every request goes to the one active target, chosen once per request, so a switch is a
// single assignment. Requests in flight are counted per target so the old one can be drained, and each
// answer is reported to whoever watches the new target's error rate.
import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';

export type Color = 'blue' | 'green';

export interface Target {
  color: Color;
  port: number;
}

export type ResultListener = (target: Target, failed: boolean) => void;

const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

export class Router {
  #target: Target | null = null;
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64 });
  readonly #inFlight = new Map<Target, number>();
  readonly #idle = new Map<Target, Set<() => void>>();
  readonly #listeners = new Set<ResultListener>();

  get target(): Target | null {
    return this.#target;
  }

  /** Sends every request from now on to `target`. */
  switchTo(target: Target): void {
    this.#target = target;
  }

  /** Reports the outcome of every proxied request until the returned function is called. */
  onResult(listener: ResultListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves true once no request is in flight to `target`, or false when timeoutMs passes first. */
  drained(target: Target, timeoutMs: number): Promise<boolean> {
    if (!this.#inFlight.get(target)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiters = this.#idle.get(target) ?? new Set();
      this.#idle.set(target, waiters);
      const done = (value: boolean) => {
        clearTimeout(timer);
        waiters.delete(onIdle);
        resolve(value);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      waiters.add(onIdle);
    });
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const target = this.#target;
    if (!target) {
      send(res, 503, { error: 'no version is deployed yet' });
      return;
    }
    this.#inFlight.set(target, (this.#inFlight.get(target) ?? 0) + 1);
    let finished = false;
    const finish = (failed: boolean) => {
      if (finished) return;
      finished = true;
      for (const listener of this.#listeners) listener(target, failed);
      const left = (this.#inFlight.get(target) ?? 1) - 1;
      if (left > 0) {
        this.#inFlight.set(target, left);
        return;
      }
      this.#inFlight.delete(target);
      for (const onIdle of [...(this.#idle.get(target) ?? [])]) onIdle();
    };
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !hopByHop.has(name)));
    const upstream = request({ host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers, agent: this.#agent }, (answer) => {
      const answerHeaders = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !hopByHop.has(name)));
      res.writeHead(answer.statusCode ?? 502, answerHeaders);
      answer.pipe(res);
      answer.once('error', () => res.destroy());
      res.once('close', () => finish((answer.statusCode ?? 502) >= 500 || !answer.complete));
    });
    upstream.once('error', (error) => {
      if (res.headersSent) res.destroy();
      else send(res, 502, { error: `the active version did not answer: ${error.message}` });
      finish(true);
    });
    req.pipe(upstream);
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
  }
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
