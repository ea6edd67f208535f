import { localLimiters, type LimiterFactory } from '../auth/throttle.js';
import type { LimitCall } from './messages.js';

/** One limit call to the primary; rejects when it has not answered within `waitMs`. */
export type AskPrimary = (call: Pick<LimitCall, 'spec' | 'key' | 'op'>, waitMs: number) => Promise<number>;

export interface SharedLimiterOptions {
  /** How long a request waits for the primary's count before the worker counts it locally. */
  waitMs?: number;
  /** After the primary missed an answer, the worker counts locally this long before asking again. */
  localForMs?: number;
  now?: () => number;
  /**
   * Called once each time the worker starts counting locally (not per request), with why and for how
   * long, so operators see that the limits hold per worker for a while. Never given the key (an IP or
   * a user name).
   */
  onLocalCounting?: (event: { reason: string; forMs: number }) => void;
}

/** An IPC round trip takes well under a millisecond; this only trips when the primary is stuck or gone. */
const WAIT_MS = 200;
const LOCAL_FOR_MS = 5000;

/**
 * A cluster worker's limits, counted in the primary so each holds for the whole server.
 *
 * Fail-safe choice: when the primary does not answer in time (blocked by a long store call, or gone),
 * the worker counts in its own memory rather than refusing requests. The limits then hold per worker
 * again (at most N x the limit over the server, as before they were shared) for a few seconds, whereas
 * refusing would turn a slow primary into an outage of the whole API. The worker keeps counting locally
 * for `localForMs` before asking again, so a stalled primary does not add `waitMs` to every request.
 */
export function sharedLimiters(ask: AskPrimary, options: SharedLimiterOptions = {}): LimiterFactory {
  const { waitMs = WAIT_MS, localForMs = LOCAL_FOR_MS, now = Date.now, onLocalCounting } = options;
  let localUntil = 0; // one primary for every limit: once it is late, all count locally
  return (spec) => {
    const local = localLimiters(spec);
    const viaPrimary = async (op: LimitCall['op'], key: string, locally: () => Promise<number>) => {
      if (now() < localUntil) return locally();
      try {
        return await ask({ spec, key, op }, waitMs);
      } catch (e) {
        // Several requests in flight can all time out: only the first starts (and reports) a local spell.
        if (now() >= localUntil) {
          localUntil = now() + localForMs;
          onLocalCounting?.({ reason: e instanceof Error ? e.message : String(e), forMs: localForMs });
        }
        return locally();
      }
    };
    return {
      hit: (key) => viaPrimary('hit', key, () => local.hit(key)),
      async reset(key) {
        await local.reset(key); // hits counted here while the primary was late
        await viaPrimary('reset', key, () => Promise.resolve(0));
      },
    };
  };
}
