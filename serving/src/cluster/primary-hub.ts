import type { DecisionStore } from '@credit/data';
import { AggregatorRegistry } from 'prom-client';
import { createLimitCounters, type LimitAnswer } from './limit-counters.js';
import {
  isClusterMessage,
  serializeError,
  type LimitCall,
  type MetricsReport,
  type MetricsResult,
  type PrimaryMessage,
  type StoreResult,
  type WorkerMessage,
} from './messages.js';
import { STORE_METHODS } from './store-methods.js';

/** One serving worker as the primary sees it (a cluster Worker; a fake in tests). */
export interface WorkerHandle {
  readonly id: number;
  send(message: PrimaryMessage): void;
  on(event: 'message', listener: (message: unknown) => void): void;
}

export interface PrimaryHub {
  /** Starts answering this worker's store, limit and metrics calls. */
  attach(worker: WorkerHandle, onListening?: (url: string) => void): void;
  /** Forgets a worker that exited (a metrics scrape no longer waits for it). */
  detach(workerId: number): void;
  /** Store calls received and not answered yet (the primary closes the store only at 0). */
  readonly inFlight: number;
}

/** A worker that does not report its metrics within this time is left out of the sum. */
const METRICS_WAIT_MS = 2000;

/**
 * The primary's side of the cluster: the one store every worker writes through (PGlite is embedded
 * and single-process, so the workers cannot open it themselves), the rate limit and login throttle
 * counters (so each limit holds for the whole server, not per worker) and the sum of the workers' metrics.
 * `now` is the limits' clock (a fake one in tests).
 */
export function createPrimaryHub(store: DecisionStore, now: () => number = Date.now): PrimaryHub {
  const workers = new Map<number, WorkerHandle>();
  const scrapes = new Map<number, { reports: object[][]; waiting: Set<number>; done: () => void }>();
  let nextScrape = 1;
  let inFlight = 0;
  const limits = createLimitCounters(now);

  const runStoreCall = async (worker: WorkerHandle, id: number, method: string, args: unknown[]) => {
    inFlight++;
    let answer: StoreResult;
    try {
      if (!(STORE_METHODS as readonly string[]).includes(method))
        throw new Error(`unknown store method "${method}"`);
      const fn = store[method as (typeof STORE_METHODS)[number]] as (...a: unknown[]) => Promise<unknown>;
      answer = { type: 'store-result', id, value: await fn.apply(store, args) };
    } catch (e) {
      answer = { type: 'store-result', id, error: serializeError(e) };
    } finally {
      inFlight--;
    }
    worker.send(answer);
  };

  const runLimitCall = (worker: WorkerHandle, m: LimitCall) => {
    let answer: LimitAnswer = { wait: 0 };
    try {
      answer = limits.apply(m);
    } catch {
      // A malformed call (spec not a number...): allow it rather than throw in the primary.
    }
    worker.send({ type: 'limit-result', id: m.id, ...answer });
  };

  const sumMetrics = async (asker: WorkerHandle, id: number) => {
    const scrape = nextScrape++;
    const reports: object[][] = [];
    const waiting = new Set(workers.keys());
    await new Promise<void>((done) => {
      const timer = setTimeout(done, METRICS_WAIT_MS);
      scrapes.set(scrape, {
        reports,
        waiting,
        done: () => {
          clearTimeout(timer);
          done();
        },
      });
      for (const w of workers.values()) w.send({ type: 'metrics-request', id: scrape });
      if (waiting.size === 0) scrapes.get(scrape)?.done();
    });
    scrapes.delete(scrape);
    let answer: MetricsResult;
    try {
      answer = { type: 'metrics-result', id, text: await AggregatorRegistry.aggregate(reports).metrics() };
    } catch (e) {
      answer = { type: 'metrics-result', id, error: serializeError(e) };
    }
    asker.send(answer);
  };

  const onReport = (worker: WorkerHandle, m: MetricsReport) => {
    const scrape = scrapes.get(m.id);
    if (!scrape || !scrape.waiting.delete(worker.id)) return;
    scrape.reports.push(m.metrics);
    if (scrape.waiting.size === 0) scrape.done();
  };

  return {
    attach(worker, onListening) {
      workers.set(worker.id, worker);
      worker.on('message', (raw) => {
        if (!isClusterMessage(raw)) return;
        const m = raw as WorkerMessage;
        if (m.type === 'store-call') void runStoreCall(worker, m.id, m.method, m.args);
        else if (m.type === 'limit-call') runLimitCall(worker, m);
        else if (m.type === 'metrics-call') void sumMetrics(worker, m.id);
        else if (m.type === 'metrics-report') onReport(worker, m);
        else if (m.type === 'listening') onListening?.(m.url);
      });
    },
    detach(workerId) {
      workers.delete(workerId);
      for (const scrape of scrapes.values())
        if (scrape.waiting.delete(workerId) && scrape.waiting.size === 0) scrape.done();
    },
    get inFlight() {
      return inFlight;
    },
  };
}
