// A submission that cannot be graded as sent (a hostile or broken archive, no entry file …): the candidate's
// failure, reported with a stable code and a message that says what to send instead. Nothing of it is graded.

export class SubmissionRejected extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(printable(message));
    this.name = 'SubmissionRejected';
    this.code = code;
  }
}

/** Names from a candidate's archive or repository, with control characters (terminal escapes, newlines) shown as `?`. */
export const printable = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
