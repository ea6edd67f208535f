import { DataError, type DecisionStore } from '@credit/data';
import {
  isClusterMessage,
  type MetricsCall,
  type MetricsReport,
  type PrimaryMessage,
  type SerializedError,
  type StoreCall,
  type WorkerMessage,
} from './messages.js';
import { STORE_METHODS } from './store-methods.js';

/** A serving worker's line to the primary process: the shared store, and metrics over all workers. */
export interface ClusterLink {
  /** The primary's store, one call per IPC round trip; close() only stops using it. */
  readonly store: DecisionStore;
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

export function connectToPrimary(channel: Channel, kind: DecisionStore['kind']): ClusterLink {
  let nextId = 1;
  const pending = new Map<number, { ok: (v: unknown) => void; ko: (e: Error) => void }>();
  let collect: (() => Promise<object[]>) | undefined;
  const call = <T>(message: Omit<StoreCall, 'id'> | Omit<MetricsCall, 'id'>): Promise<T> =>
    new Promise<T>((ok, ko) => {
      const id = nextId++;
      pending.set(id, { ok: ok as (v: unknown) => void, ko });
      channel.send({ ...message, id } as WorkerMessage);
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
    if (m.error) waiting.ko(rebuildError(m.error));
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
