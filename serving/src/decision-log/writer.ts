import type { DecisionRow, DecisionStore } from '@credit/data';

export interface DecisionWriter {
  /** Queues a row; waits (backpressure) when the queue is full. */
  write(row: DecisionRow): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
  readonly pending: number;
}

/** Batches decision rows off the request path; flushes every `intervalMs` or at `batchSize`, and on close. */
export function createDecisionWriter(
  store: DecisionStore,
  opts: { batchSize?: number; maxQueue?: number; intervalMs?: number; onError?: (e: unknown) => void } = {},
): DecisionWriter {
  const batchSize = opts.batchSize ?? 200;
  const maxQueue = opts.maxQueue ?? 5000;
  let queue: DecisionRow[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const waiters: (() => void)[] = [];
  const flush = (): Promise<void> => {
    flushing = flushing.then(async () => {
      while (queue.length > 0) {
        const batch = queue.slice(0, batchSize);
        try {
          await store.insertDecisions(batch);
        } catch (e) {
          opts.onError?.(e);
          return; // keep the rows queued; the next flush retries
        }
        queue = queue.slice(batch.length);
        while (waiters.length && queue.length < maxQueue) waiters.shift()?.();
      }
    });
    return flushing;
  };
  const timer = setInterval(() => void flush(), opts.intervalMs ?? 100);
  timer.unref();
  return {
    get pending() {
      return queue.length;
    },
    async write(row) {
      while (queue.length >= maxQueue) {
        void flush();
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      queue.push(row);
      if (queue.length >= batchSize) void flush();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
