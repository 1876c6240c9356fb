// An error with an HTTP status and a message safe to show the client; the app's error handler answers with it.
export class HttpError extends Error {
  readonly status: number;
  readonly fields?: Record<string, string>;
  readonly headers?: Record<string, string>;

  constructor(status: number, message: string, extra: { fields?: Record<string, string>; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.fields = extra.fields;
    this.headers = extra.headers;
  }
}

export const unauthorized = (): HttpError => new HttpError(401, 'missing, invalid or expired credentials');
export const forbidden = (): HttpError => new HttpError(403, 'your role does not allow this');
export const notFound = (what: string): HttpError => new HttpError(404, `${what} not found`);

/** 400 when any field has a message. */
export function assertValid(fields: Record<string, string | undefined>): void {
  const problems = Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
  if (Object.keys(problems).length > 0) throw new HttpError(400, 'invalid input', { fields: problems });
}
