import { LocalTracker } from './local-tracker.js';
import type { Logger } from './logger.js';
import { MlflowClient } from './mlflow/client.js';
import { MlflowTracker } from './mlflow-tracker.js';
import type { Tracker } from './tracker.js';

export interface CreateTrackerOptions {
  /** http(s) URL of an MLflow server; default: MLFLOW_TRACKING_URI; absent: the local tracker. */
  trackingUri?: string;
  /** Local tracking folder (artifacts/tracking): the local store, and MLflow's offline journal. */
  root: string;
  logger: Logger;
  /** Per-request timeout and retries of the MLflow client. */
  timeoutMs?: number;
  maxAttempts?: number;
}

/** MLflow when a tracking URI is given (argument or MLFLOW_TRACKING_URI), else the local file tracker. */
export function createTracker(opts: CreateTrackerOptions): Tracker {
  const uri = opts.trackingUri ?? process.env.MLFLOW_TRACKING_URI;
  const local = new LocalTracker({ root: opts.root, logger: opts.logger });
  if (!uri || !/^https?:\/\//.test(uri)) return local;
  const client = new MlflowClient({
    baseUrl: uri,
    logger: opts.logger,
    timeoutMs: opts.timeoutMs,
    maxAttempts: opts.maxAttempts,
  });
  return new MlflowTracker(client, local, opts.logger);
}
