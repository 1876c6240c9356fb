// The admin client of RabbitMQ: its management API (HTTP), with the credentials of the management URL.
import { readBoundedBody } from '../../testkit/read-bounded-body.ts';

/** The most read of one answer: lists of what a grade declared (bounded by its limits) stay far below it. */
const maxAnswerBytes = 64 * 1024 * 1024;

export type ManagementApi = ReturnType<typeof managementApi>;

/** Calls the management API with the credentials of its URL; throws on an unexpected status. */
export function managementApi(managementUrl: string) {
  const base = new URL(managementUrl);
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(base.username || 'guest')}:${decodeURIComponent(base.password || 'guest')}`).toString('base64')}`;
  base.username = '';
  base.password = '';
  return async <T = unknown>(method: string, path: string, body?: unknown, alsoOk: number[] = []): Promise<T | undefined> => {
    const response = await fetch(new URL(path, base), {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok && !alsoOk.includes(response.status)) {
      const text = await readBoundedBody(response, 4096).then(String, () => '(a longer answer)');
      throw new Error(`${method} ${path} answered ${response.status} ${text.slice(0, 200)}`);
    }
    if (method === 'GET' && response.ok) return JSON.parse((await readBoundedBody(response, maxAnswerBytes)).toString('utf8')) as T;
    await response.body?.cancel();
    return undefined;
  };
}
