import { TrackingError } from '../errors.js';
import type { Logger } from '../logger.js';

export interface HttpOptions {
  /** Base URL of the tracking server, e.g. http://127.0.0.1:5000 */
  baseUrl: string;
  logger: Logger;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  /** Attempts on connection errors, 429 and 5xx (first try included). */
  maxAttempts?: number;
  /** First backoff delay (ms), doubled each retry. */
  backoffMs?: number;
  /** Injected for tests. */
  fetchImpl?: typeof fetch;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  body?: Uint8Array;
  /** Return the raw bytes instead of parsed JSON. */
  raw?: boolean;
}

/** Codes callers match on. E_MLFLOW_UNREACHABLE is what makes a run fall back to the local journal. */
export const UNREACHABLE = 'E_MLFLOW_UNREACHABLE';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** JSON/bytes over fetch with retries (connection errors, 429, 5xx), timeouts and MLflow error codes. */
export class MlflowHttp {
  readonly baseUrl: string;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(opts: HttpOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.logger = opts.logger;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxAttempts = opts.maxAttempts ?? 4;
    this.backoffMs = opts.backoffMs ?? 250;
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  async request<T>(req: HttpRequest): Promise<T> {
    const url = new URL(this.baseUrl + req.path);
    for (const [k, v] of Object.entries(req.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const label = `${req.method} ${req.path}`;
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (attempt > 1) await sleep(this.backoffMs * 2 ** (attempt - 2));
      let res: Response;
      try {
        res = await this.fetchImpl(url, {
          method: req.method,
          headers: req.json !== undefined ? { 'content-type': 'application/json' } : undefined,
          body: req.json !== undefined ? JSON.stringify(req.json) : req.body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (cause) {
        lastError = cause;
        this.logger.debug('mlflow request failed, retrying', { request: label, attempt });
        continue;
      }
      if (res.status === 429 || res.status >= 500) {
        lastError = new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
        this.logger.debug('mlflow server busy or failing, retrying', {
          request: label,
          status: res.status,
          attempt,
        });
        continue;
      }
      if (!res.ok) {
        const text = await res.text();
        let code = `HTTP_${res.status}`;
        let message = text.slice(0, 500);
        try {
          const body = JSON.parse(text) as { error_code?: string; message?: string };
          code = body.error_code ?? code;
          message = body.message ?? message;
        } catch {
          // not JSON: keep the text
        }
        throw new TrackingError(
          `E_MLFLOW_${code}`,
          `MLflow ${label} refused (${res.status} ${code}): ${message}`,
        );
      }
      if (req.raw) return new Uint8Array(await res.arrayBuffer()) as T;
      const text = await res.text();
      return (text ? JSON.parse(text) : {}) as T;
    }
    const status =
      lastError instanceof Error && lastError.message.startsWith('HTTP') ? lastError.message : undefined;
    throw new TrackingError(
      status ? 'E_MLFLOW_SERVER' : UNREACHABLE,
      status
        ? `MLflow ${label} at ${this.baseUrl} kept failing after ${this.maxAttempts} attempts (${status}); check the server's log`
        : `MLflow server ${this.baseUrl} unreachable (${label}) after ${this.maxAttempts} attempts: is it running? Check MLFLOW_TRACKING_URI / --tracking-uri`,
      { cause: lastError },
    );
  }
}

/** True when the error means the server could not be reached at all (or kept failing). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof TrackingError && (error.code === UNREACHABLE || error.code === 'E_MLFLOW_SERVER');
}
