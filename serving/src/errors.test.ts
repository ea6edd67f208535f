import { ServingError } from './errors.js';

describe('ServingError', () => {
  it('carries a stable code, the message and the cause', () => {
    const cause = new Error('disk full');
    const error = new ServingError('E_EXAMPLE', 'could not write report.json: check free space', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ServingError');
    expect(error.code).toBe('E_EXAMPLE');
    expect(error.message).toBe('could not write report.json: check free space');
    expect(error.cause).toBe(cause);
  });
});
