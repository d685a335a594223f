/**
 * A refusal meant for the caller: a stable code, a message that says what to
 * fix, and the HTTP status a REST channel answers with. Each dialect maps
 * these to its own error format.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}
