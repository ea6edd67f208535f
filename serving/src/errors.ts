/**
 * The one error class of @credit/serving. `code` is stable (tests and callers match on it); the message
 * names the thing at fault (file, line, column, field...) and says what to do; `cause` keeps the origin.
 * `status` is the HTTP status when the error reaches a response.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class ServingError extends Error {
  override readonly name = 'ServingError';
  readonly code: string;
  readonly status: number;
  readonly fields: FieldError[] | undefined;
  /** Seconds a client should wait before retrying (sent as the Retry-After header of a 429). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: string,
    message: string,
    options?: { cause?: unknown; status?: number; fields?: FieldError[]; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.code = code;
    this.status = options?.status ?? 500;
    this.fields = options?.fields;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}
