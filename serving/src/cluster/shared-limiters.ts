import { localLimiters, type LimiterFactory, type LimitSpec } from '../auth/throttle.js';
import type { LimitAnswer } from './limit-counters.js';
import type { LimitCall } from './messages.js';

/** One limit call to the primary; rejects when it has not answered within `waitMs`. */
export type AskPrimary = (
  call: Pick<LimitCall, 'spec' | 'key' | 'op' | 'count'>,
  waitMs: number,
) => Promise<LimitAnswer>;

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
/** A lease is this share of the limit: one IPC round trip per 1% of the limit instead of per hit. */
const LEASE_SHARE = 0.01;
/** Keys with a lease kept at most (as the counters themselves, auth/throttle.ts). */
const MAX_LEASES = 10000;

/** Hits a worker takes from the primary at once for this limit: 1 (exact counting) below 200. */
function leaseSize(spec: LimitSpec): number {
  return Math.max(1, Math.floor(spec.limit * LEASE_SHARE));
}

/**
 * A cluster worker's limits, counted in the primary so each holds for the whole server.
 *
 * Leases: a worker takes `leaseSize` hits of a key's window from the primary at once and spends them
 * locally, so a busy key costs one IPC round trip per 1% of its limit, not one per request (a round trip per
 * request cost about 20% of the throughput and tripled the p99 at 500 requests/s, docs/api.md). The primary
 * never grants more than the limit, so the server never lets more through; a worker's unspent lease can make
 * another worker refuse early, by at most leaseSize − 1 hits per other worker (1% of the limit). Limits
 * under 200 (the login throttle) lease one hit at a time: exact. Unspent hits lapse with the window.
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
    const size = leaseSize(spec);
    const leases = new Map<string, { left: number; until: number }>();
    const viaPrimary = async <T>(
      call: Pick<LimitCall, 'op' | 'key' | 'count'>,
      answer: (a: LimitAnswer) => T,
      locally: () => Promise<T>,
    ): Promise<T> => {
      if (now() < localUntil) return locally();
      try {
        return answer(await ask({ spec, ...call }, waitMs));
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
      async hit(key) {
        const lease = leases.get(key);
        if (lease && lease.left > 0 && now() < lease.until) {
          lease.left--;
          return 0;
        }
        return viaPrimary(
          { op: 'take', key, count: size },
          ({ wait, granted = 0, windowLeftMs = 0 }) => {
            if (granted <= 0) return wait;
            if (leases.size >= MAX_LEASES) leases.clear();
            leases.set(key, { left: granted - 1, until: now() + windowLeftMs });
            return 0;
          },
          () => local.hit(key),
        );
      },
      async reset(key) {
        leases.delete(key);
        await local.reset(key); // hits counted here while the primary was late
        await viaPrimary(
          { op: 'reset', key },
          () => undefined,
          () => Promise.resolve(undefined),
        );
      },
    };
  };
}
