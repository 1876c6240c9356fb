// A bounded load run with autocannon against one or more instances; returns figures for thresholds.
import autocannon from 'autocannon';
import { InfrastructureError } from './infrastructure-error.ts';

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
  let result: autocannon.Result;
  try {
    result = await autocannon({
      url: urls.length === 1 ? urls[0] : (urls as unknown as string),
      connections: Math.max(options.connections, urls.length),
      duration: options.durationSeconds,
      timeout: options.timeoutSeconds ?? 5,
      headers: options.headers ?? {},
      requests: [{ setupRequest: (request) => ({ ...request, path: options.nextPath() }) }],
    });
  } catch (error) {
    throw new InfrastructureError(`the load generator failed: ${(error as Error).message}`, { cause: error });
  }
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
