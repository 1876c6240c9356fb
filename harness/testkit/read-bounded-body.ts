// Reading an HTTP answer's body with a byte limit. A check reads what the candidate's service sends, and the
// test worker that reads it runs outside every sandbox: an answer that never ends, or ends after 500 MB, must
// cost the worker at most the limit, and fail the read with a message that names it.
import { formatBytes } from '../sandbox/sandbox-plan.ts';

/** The most a check reads of one answer unless told otherwise: the challenges' answers are documents of a few
 * kilobytes, and a check may have a hundred calls in flight (lru-cache's single-flight: 100 × 16 MiB took the worker
 * to 0.9 GiB). */
export const defaultMaxAnswerBytes = 1024 * 1024;

export class AnswerTooLargeError extends Error {
  readonly maxBytes: number;

  constructor(maxBytes: number, declared?: number) {
    super(
      `answered ${declared === undefined ? 'more than' : `${declared} bytes, more than`} ${formatLimit(maxBytes)} (the most a check reads of one answer)`,
    );
    this.name = 'AnswerTooLargeError';
    this.maxBytes = maxBytes;
  }
}

/** The body's bytes; past `maxBytes` (declared in content-length, or as they arrive) the rest is cancelled and
 * the read fails with an AnswerTooLargeError. */
export async function readBoundedBody(response: Response, maxBytes = defaultMaxAnswerBytes): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new AnswerTooLargeError(maxBytes, declared);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AnswerTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** "1 MiB", "1000 bytes". */
export function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? formatBytes(bytes) : `${bytes} bytes`;
}
