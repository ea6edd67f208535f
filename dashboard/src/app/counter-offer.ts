// Counter-offer for a refused client: the largest credit amount (annuity scaled with it, same term) that
// the model grants, found by bisection over the what-if API. Assumes risk grows with the amount, which
// is checked at the ends: if even the smallest amount is refused, there is no counter-offer.
import type { Score } from './api.js';

export interface CounterOffer {
  credit: number;
  annuity: number;
  score: Score;
}
export type WhatIf = (changes: Record<string, number>) => Promise<Score>;

export async function findCounterOffer(
  whatIf: WhatIf,
  credit: number,
  annuity: number,
  opts: { minShare?: number; step?: number; maxCalls?: number } = {},
): Promise<CounterOffer | null> {
  const step = opts.step ?? 1000;
  const changesFor = (amount: number) => ({ AMT_CREDIT: amount, AMT_ANNUITY: (annuity * amount) / credit });
  let lo = Math.max(step, Math.round((credit * (opts.minShare ?? 0.1)) / step) * step);
  const low = await whatIf(changesFor(lo));
  if (low.decision !== 'grant') return null;
  let best: CounterOffer = { credit: lo, annuity: (annuity * lo) / credit, score: low };
  let hi = credit;
  for (let calls = 0; hi - lo > step && calls < (opts.maxCalls ?? 14); calls++) {
    const mid = Math.round((lo + hi) / 2 / step) * step;
    if (mid <= lo || mid >= hi) break;
    const s = await whatIf(changesFor(mid));
    if (s.decision === 'grant') {
      lo = mid;
      best = { credit: mid, annuity: (annuity * mid) / credit, score: s };
    } else hi = mid;
  }
  return best;
}
