import type { LimitSpec } from '../auth/throttle.js';

/**
 * What the primary process and its serving workers say to each other over the cluster's IPC channel
 * (structured-clone serialisation: Dates and typed arrays cross as they are).
 *
 *   worker                                primary
 *   store-call {id, method, args}   ->    runs it on the one store (PGlite or PostgreSQL)
 *                                   <-    store-result {id, value | error}
 *   limit-call {id, spec, key, op}  ->    takes a lease of hits (or resets the key) on the one set of counters
 *                                   <-    limit-result {id, wait, granted, windowLeftMs}
 *   metrics-call {id}               ->    asks every worker for its registry, sums them
 *   metrics-report {id, metrics}    ->    (answer to a metrics-request)
 *                                   <-    metrics-request {id}
 *                                   <-    metrics-result {id, text}
 *   listening {url}                 ->    all workers up: the primary prints the addresses
 */
export interface StoreCall {
  type: 'store-call';
  id: number;
  method: string;
  args: unknown[];
}
export interface SerializedError {
  name: string;
  code?: string;
  message: string;
}
export interface StoreResult {
  type: 'store-result';
  id: number;
  value?: unknown;
  error?: SerializedError;
}
/** A rate limit or login throttle counted in the primary, so the limit holds for the whole server. */
export interface LimitCall {
  type: 'limit-call';
  id: number;
  spec: LimitSpec;
  key: string;
  /** 'take': up to `count` hits at once, a lease the worker then spends locally (shared-limiters.ts). */
  op: 'take' | 'reset';
  count?: number;
}
export interface LimitResult {
  type: 'limit-result';
  id: number;
  /** Seconds to wait when over the limit, else 0 (always 0 for a reset). */
  wait: number;
  /** 'take' only: hits granted, and the milliseconds left in the counter's window. */
  granted?: number;
  windowLeftMs?: number;
}
export interface MetricsCall {
  type: 'metrics-call';
  id: number;
}
export interface MetricsRequest {
  type: 'metrics-request';
  id: number;
}
export interface MetricsReport {
  type: 'metrics-report';
  id: number;
  metrics: object[];
}
export interface MetricsResult {
  type: 'metrics-result';
  id: number;
  text?: string;
  error?: SerializedError;
}
export interface Listening {
  type: 'listening';
  url: string;
}

export type WorkerMessage = StoreCall | LimitCall | MetricsCall | MetricsReport | Listening;
export type PrimaryMessage = StoreResult | LimitResult | MetricsRequest | MetricsResult;

const TYPES = new Set([
  'store-call',
  'store-result',
  'limit-call',
  'limit-result',
  'metrics-call',
  'metrics-request',
  'metrics-report',
  'metrics-result',
  'listening',
]);

/** Messages of this protocol; anything else on the channel (other libraries' messages) is ignored. */
export function isClusterMessage(m: unknown): m is WorkerMessage | PrimaryMessage {
  return typeof m === 'object' && m !== null && TYPES.has((m as { type?: unknown }).type as string);
}

export function serializeError(e: unknown): SerializedError {
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as { code?: unknown }).code;
  return { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) };
}
