import { DataError, type DecisionStore } from '@credit/data';
import type { LimiterFactory } from '../auth/throttle.js';
import {
  isClusterMessage,
  type LimitCall,
  type MetricsCall,
  type MetricsReport,
  type PrimaryMessage,
  type SerializedError,
  type StoreCall,
  type WorkerMessage,
} from './messages.js';
import type { LimitAnswer } from './limit-counters.js';
import { sharedLimiters, type SharedLimiterOptions } from './shared-limiters.js';
import { STORE_METHODS } from './store-methods.js';

/** A serving worker's line to the primary: the shared store, limits and metrics over all workers. */
export interface ClusterLink {
  /** The primary's store, one call per IPC round trip; close() only stops using it. */
  readonly store: DecisionStore;
  /** Rate limit and login throttle counted in the primary, so they hold for the whole server. */
  readonly limiters: LimiterFactory;
  /** What this worker contributes when Prometheus scrapes any worker. */
  provideMetrics(collect: () => Promise<object[]>): void;
  /** Every worker's metrics summed (counters and histograms added, the model-info gauge by max). */
  clusterMetrics(): Promise<string>;
  /** Tells the primary this worker accepts connections at `url`. */
  listening(url: string): void;
}

/** Sends and receives on `channel` (process in a cluster worker; a fake in tests). */
export interface Channel {
  send(message: WorkerMessage): void;
  on(event: 'message', listener: (message: unknown) => void): void;
}

export function connectToPrimary(
  channel: Channel,
  kind: DecisionStore['kind'],
  limitOptions: SharedLimiterOptions = {},
): ClusterLink {
  let nextId = 1;
  const pending = new Map<number, { ok: (v: unknown) => void; ko: (e: Error) => void }>();
  let collect: (() => Promise<object[]>) | undefined;
  type Call = Omit<StoreCall, 'id'> | Omit<LimitCall, 'id'> | Omit<MetricsCall, 'id'>;
  /** One round trip; with `waitMs`, rejects (and forgets the call) when the primary is later than that. */
  const call = <T>(message: Call, waitMs?: number): Promise<T> =>
    new Promise<T>((ok, ko) => {
      const id = nextId++;
      const forget = (e: Error) => {
        clearTimeout(timer);
        pending.delete(id);
        ko(e);
      };
      const timer =
        waitMs === undefined
          ? undefined
          : setTimeout(() => forget(new Error(`the primary did not answer within ${waitMs} ms`)), waitMs);
      timer?.unref();
      pending.set(id, {
        ok: (v) => {
          clearTimeout(timer);
          ok(v as T);
        },
        ko: forget,
      });
      try {
        channel.send({ ...message, id } as WorkerMessage);
      } catch (e) {
        forget(e instanceof Error ? e : new Error(String(e))); // channel closed
      }
    });

  channel.on('message', (raw) => {
    if (!isClusterMessage(raw)) return;
    const m = raw as PrimaryMessage;
    if (m.type === 'metrics-request') {
      const answer = (metrics: object[]) =>
        channel.send({ type: 'metrics-report', id: m.id, metrics } satisfies MetricsReport);
      (collect ? collect() : Promise.resolve([])).then(answer, () => answer([]));
      return;
    }
    const waiting = pending.get(m.id);
    if (!waiting) return;
    pending.delete(m.id);
    if (m.type === 'limit-result')
      waiting.ok({ wait: m.wait, granted: m.granted, windowLeftMs: m.windowLeftMs });
    else if (m.error) waiting.ko(rebuildError(m.error));
    else waiting.ok(m.type === 'metrics-result' ? m.text : m.value);
  });

  const store = Object.fromEntries(
    STORE_METHODS.map((method) => [
      method,
      (...args: unknown[]) => call({ type: 'store-call', method, args }),
    ]),
  ) as unknown as Omit<DecisionStore, 'kind' | 'close'>;
  return {
    store: { ...store, kind, close: async () => undefined },
    limiters: sharedLimiters(
      (limitCall, waitMs) => call<LimitAnswer>({ type: 'limit-call', ...limitCall }, waitMs),
      limitOptions,
    ),
    provideMetrics(fn) {
      collect = fn;
    },
    clusterMetrics: () => call<string>({ type: 'metrics-call' }),
    listening: (url) => channel.send({ type: 'listening', url }),
  };
}

/** The store's own errors keep their class and code across the process boundary. */
function rebuildError(e: SerializedError): Error {
  if (e.name === 'DataError') return new DataError(e.code ?? 'store_error', e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}
