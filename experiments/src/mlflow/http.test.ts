import { jest } from '@jest/globals';
import { TrackingError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { MlflowHttp, UNREACHABLE } from './http.js';

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('MlflowHttp', () => {
  it('retries 5xx and 429 with backoff, then succeeds', async () => {
    const responses = [json(503, {}), json(429, {}), json(200, { ok: 1 })];
    const fetchImpl = jest.fn(async () => responses.shift()!);
    const http = new MlflowHttp({
      baseUrl: 'http://x',
      logger: silentLogger,
      backoffMs: 1,
      fetchImpl: fetchImpl as typeof fetch,
    });
    await expect(http.request({ method: 'GET', path: '/a' })).resolves.toEqual({ ok: 1 });
    expect(fetchImpl).toHaveBeenCalledTimes(3);
  });

  it('surfaces MLflow error_code and message on 4xx without retrying', async () => {
    const fetchImpl = jest.fn(async () =>
      json(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Run x not found' }),
    );
    const http = new MlflowHttp({
      baseUrl: 'http://x',
      logger: silentLogger,
      backoffMs: 1,
      fetchImpl: fetchImpl as typeof fetch,
    });
    const err = await http.request({ method: 'GET', path: '/a' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrackingError);
    expect((err as TrackingError).code).toBe('E_MLFLOW_RESOURCE_DOES_NOT_EXIST');
    expect((err as TrackingError).message).toMatch(/Run x not found/);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('reports an unreachable server after its attempts', async () => {
    const http = new MlflowHttp({
      baseUrl: 'http://127.0.0.1:1',
      logger: silentLogger,
      backoffMs: 1,
      maxAttempts: 2,
    });
    const err = await http.request({ method: 'GET', path: '/health' }).catch((e: unknown) => e);
    expect((err as TrackingError).code).toBe(UNREACHABLE);
  });
});
