/**
 * The one error class of @credit/serving. `code` is stable (tests and callers match on it); the message
 * names the thing at fault (file, line, column, field...) and says what to do; `cause` keeps the origin.
 */
export class ServingError extends Error {
  override readonly name = 'ServingError';
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
