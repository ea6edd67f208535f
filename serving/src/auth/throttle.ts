/** Which counters a limit keeps: its name (one set of counters per name) and its fixed window. */
export interface LimitSpec {
  /** e.g. "requests", "failed-logins": the same name in every worker means the same counters. */
  name: string;
  limit: number;
  windowMs: number;
}

/** Fixed-window counter per key; async because in a cluster the counts live in the primary process. */
export interface Limiter {
  /** Counts the hit; returns seconds to wait when over the limit, else 0. */
  hit(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

/** Gives the limiter for a spec: in memory in one process, the primary's in a cluster worker. */
export type LimiterFactory = (spec: LimitSpec) => Limiter;

/** Fixed-window counter per key, in memory (one process). */
export function createLimiter(limit: number, windowMs: number, now: () => number = Date.now) {
  const hits = new Map<string, { count: number; start: number }>();
  /** The key's current window at time t: a new, empty one when there is none or the last one ended. */
  const windowAt = (key: string, t: number) => {
    let h = hits.get(key);
    if (!h || t - h.start >= windowMs) {
      if (hits.size > 10000) hits.clear();
      h = { count: 0, start: t };
      hits.set(key, h);
    }
    return h;
  };
  return {
    /** Returns seconds to wait when over the limit, else 0 (and counts the hit). */
    hit(key: string): number {
      const t = now();
      const h = windowAt(key, t);
      h.count += 1;
      // The first hit of a window always passes.
      return h.count > 1 && h.count > limit ? Math.ceil((h.start + windowMs - t) / 1000) : 0;
    },
    /**
     * Takes up to `count` hits at once (a worker's lease, cluster/shared-limiters.ts): how many were
     * granted (0 over the limit), the seconds to wait when none was, and the time left in the window.
     */
    take(key: string, count: number): { granted: number; wait: number; windowLeftMs: number } {
      const t = now();
      const h = windowAt(key, t);
      const granted = Math.max(0, Math.min(count, limit - h.count));
      h.count += granted;
      const windowLeftMs = h.start + windowMs - t;
      return { granted, wait: granted > 0 ? 0 : Math.ceil(windowLeftMs / 1000), windowLeftMs };
    },
    reset(key: string) {
      hits.delete(key);
    },
  };
}

/** One process (no cluster): each limit counts in this process's memory. */
export const localLimiters: LimiterFactory = ({ limit, windowMs }) => {
  const counter = createLimiter(limit, windowMs);
  return {
    hit: (key) => Promise.resolve(counter.hit(key)),
    reset: (key) => Promise.resolve(counter.reset(key)),
  };
};
