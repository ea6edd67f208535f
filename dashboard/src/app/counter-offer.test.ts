import { findCounterOffer, type WhatIf } from './counter-offer.js';
import type { Score } from './api.js';

// A monotone stand-in model: refused above `limit`, granted at or below it.
const modelWithLimit = (limit: number, calls: Record<string, number>[]): WhatIf => {
  return async (changes) => {
    calls.push(changes);
    const credit = changes.AMT_CREDIT ?? 0;
    const probability = credit / (limit * 2);
    const score: Score = {
      probability,
      decision: credit <= limit ? 'grant' : 'refuse',
      threshold: 0.5,
      reasons: [],
    };
    return score;
  };
};

describe('findCounterOffer', () => {
  it('finds the largest granted amount to the step, with the annuity scaled in proportion', async () => {
    const calls: Record<string, number>[] = [];
    const offer = await findCounterOffer(modelWithLimit(180_000, calls), 250_000, 25_000);
    expect(offer?.credit).toBeLessThanOrEqual(180_000);
    expect(offer?.credit).toBeGreaterThan(180_000 - 1000);
    expect(offer?.annuity).toBeCloseTo((25_000 * (offer?.credit ?? 0)) / 250_000);
    expect(offer?.score.decision).toBe('grant');
    for (const c of calls) expect(c.AMT_ANNUITY).toBeCloseTo((c.AMT_CREDIT! / 250_000) * 25_000);
    expect(calls.length).toBeLessThanOrEqual(15);
  });

  it('returns null when even the smallest amount is refused', async () => {
    const calls: Record<string, number>[] = [];
    expect(await findCounterOffer(modelWithLimit(1000, calls), 250_000, 25_000)).toBeNull();
    expect(calls).toHaveLength(1);
  });
});
