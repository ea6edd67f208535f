import { createLimiter, type LimitSpec } from '../auth/throttle.js';
import type { LimitCall, LimitResult } from './messages.js';

export type LimitAnswer = Pick<LimitResult, 'wait' | 'granted' | 'windowLeftMs'>;

/** The primary's counters for every worker's limits: one fixed-window counter set per limit spec. */
export interface LimitCounters {
  /** take: the hits granted, seconds to wait when none was, time left in the window; reset: wait 0. */
  apply(call: Pick<LimitCall, 'spec' | 'key' | 'op' | 'count'>): LimitAnswer;
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
    apply({ spec, key, op, count }) {
      const counter = counterOf(spec);
      if (op === 'reset') {
        counter.reset(key);
        return { wait: 0 };
      }
      return counter.take(key, Math.max(1, Math.floor(count ?? 1)));
    },
  };
}
