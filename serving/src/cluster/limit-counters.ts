import { createLimiter, type LimitSpec } from '../auth/throttle.js';
import type { LimitCall } from './messages.js';

/** The primary's counters for every worker's limits: one fixed-window counter set per limit spec. */
export interface LimitCounters {
  /** Seconds to wait (0 = allowed) for a hit; 0 for a reset. */
  apply(call: Pick<LimitCall, 'spec' | 'key' | 'op'>): number;
}

export function createLimitCounters(now: () => number = Date.now): LimitCounters {
  const counters = new Map<string, ReturnType<typeof createLimiter>>();
  // Keyed by the whole spec, not the name alone: workers of one server share their config, and a
  // mismatch (should it ever happen) must not let one worker's window or limit apply to another's.
  const counterOf = ({ name, limit, windowMs }: LimitSpec) => {
    const id = `${name}|${limit}|${windowMs}`;
    let counter = counters.get(id);
    if (!counter) counters.set(id, (counter = createLimiter(limit, windowMs, now)));
    return counter;
  };
  return {
    apply({ spec, key, op }) {
      const counter = counterOf(spec);
      if (op === 'reset') {
        counter.reset(key);
        return 0;
      }
      return counter.hit(key);
    },
  };
}
