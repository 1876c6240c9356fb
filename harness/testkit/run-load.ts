// A bounded load run with autocannon against one or more instances; returns figures for thresholds. autocannon
// keeps each answer's body whole while it arrives, in the test worker: an answer past the limit a check reads of
// one answer (read-bounded-body.ts) stops the run and fails the check, naming the limit.
import autocannon from 'autocannon';
import { InfrastructureError } from './infrastructure-error.ts';
import { defaultMaxAnswerBytes, formatLimit } from './read-bounded-body.ts';

export interface LoadOptions {
  /** Instances to load; connections are spread over them. */
  urls: string[];
  connections: number;
  durationSeconds: number;
  /** The path of each request (called per request), e.g. a skewed choice of product ids. */
  nextPath: () => string;
  /** Per-request time limit; a request slower than this counts as a timeout (an error). */
  timeoutSeconds?: number;
  /** Headers sent with every request, e.g. `{ authorization: 'Bearer …' }`. */
  headers?: Record<string, string>;
  /** The most of one answer the run reads (1 MiB unless told, as for a check's calls). */
  maxAnswerBytes?: number;
}

export interface LoadMetrics extends Record<string, number> {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  /** The 99.9th percentile. */
  p999: number;
  max: number;
  /** Socket errors and timeouts. */
  errors: number;
  non2xx: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadMetrics> {
  if (options.urls.length === 0) throw new InfrastructureError('runLoad needs at least one URL');
  const urls = options.urls.filter((url) => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url));
  if (urls.length !== options.urls.length) throw new InfrastructureError('load runs only target this machine (127.0.0.1 / localhost)');
  const maxAnswerBytes = options.maxAnswerBytes ?? defaultMaxAnswerBytes;
  let tooLarge: string | undefined;
  let result: autocannon.Result;
  try {
    // Without a callback, autocannon returns its run as a promise that can also be stopped.
    const run: Promise<autocannon.Result> & { stop(): void } = autocannon({
      url: urls.length === 1 ? urls[0] : (urls as unknown as string),
      connections: Math.max(options.connections, urls.length),
      duration: options.durationSeconds,
      timeout: options.timeoutSeconds ?? 5,
      headers: options.headers ?? {},
      requests: [{ setupRequest: (request) => ({ ...request, path: options.nextPath() }) }],
      // Each connection counts what arrives of its current answer ('body' gives every chunk it parses).
      setupClient: (client) => {
        let received = 0;
        client.on('headers', () => (received = 0));
        client.on('body', (chunk: Buffer) => {
          received += chunk.length;
          if (received <= maxAnswerBytes) return;
          // At once (autocannon's Client has destroy(), its types do not): the run itself only stops at its next
          // tick, a second later, and keeps reading until then.
          (client as unknown as { destroy(): void }).destroy();
          tooLarge ??= `an answer of the load run was larger than ${formatLimit(maxAnswerBytes)} (the most a load run reads of one answer): the run was stopped`;
          run.stop();
        });
      },
    }) as Promise<autocannon.Result> & { stop(): void };
    result = await run;
  } catch (error) {
    throw new InfrastructureError(`the load generator failed: ${(error as Error).message}`, { cause: error });
  }
  if (tooLarge) throw new Error(tooLarge);
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    p999: result.latency.p99_9,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
