import { MonitoringError } from './errors.js';

describe('MonitoringError', () => {
  it('carries a stable code, the message and the cause', () => {
    const cause = new Error('disk full');
    const error = new MonitoringError('E_EXAMPLE', 'could not write report.json: check free space', {
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('MonitoringError');
    expect(error.code).toBe('E_EXAMPLE');
    expect(error.message).toBe('could not write report.json: check free space');
    expect(error.cause).toBe(cause);
  });
});
