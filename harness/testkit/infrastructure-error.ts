// Thrown by test support code when the harness or a service breaks (not the candidate): the check is
// reported as an error and the grade as untrustworthy, never as the candidate's failure.
export class InfrastructureError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InfrastructureError';
  }
}
