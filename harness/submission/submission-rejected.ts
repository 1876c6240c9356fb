// A submission that cannot be graded as sent (a hostile or broken archive, no entry file …): the candidate's
// failure, reported with a stable code and a message that says what to send instead. Nothing of it is graded.

export class SubmissionRejected extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SubmissionRejected';
    this.code = code;
  }
}
