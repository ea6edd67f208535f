import {
  brierScore,
  businessScore,
  classificationMetrics,
  confusionAt,
  costOptimalThreshold,
  crossFittedCost,
  prAuc,
  rocAuc,
} from './metrics.js';

const cost = { falseNegative: 10, falsePositive: 1 };

describe('rocAuc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBe(0);
  });
  it('counts a tie between a positive and a negative as one half', () => {
    // pairs (pos, neg): (0.5 vs 0.5)=0.5, (0.5 vs 0.1)=1, (0.9 vs 0.5)=1, (0.9 vs 0.1)=1 -> 3.5/4
    expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.1])).toBeCloseTo(0.875, 12);
  });
  it('is NaN when a class is absent', () => {
    expect(rocAuc([0, 0], [0.1, 0.2])).toBeNaN();
  });
  it('equals the count over every (default, repaid) pair, ties, -0, infinities and NaN included', () => {
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let t = 0; t < 20; t++) {
      const n = 50 + t * 13;
      const labels = Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
      const level = () => Math.floor(random() * 6) * (random() < 0.2 ? -1 : 1); // many ties, -0 too
      const special = [Infinity, -Infinity, ...(t % 5 === 0 ? [Number.NaN] : [])];
      const scores = labels.map(() =>
        random() < 0.05 ? special[Math.floor(random() * special.length)]! : level(),
      );
      let pairs = 0;
      let u = 0;
      if (!scores.some(Number.isNaN)) {
        labels.forEach((li, i) =>
          labels.forEach((lj, j) => {
            if (li !== 1 || lj === 1) return;
            pairs++;
            u += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
          }),
        );
        expect(rocAuc(labels, scores)).toBe(u / pairs);
      } else expect(rocAuc(labels, scores)).toBeGreaterThanOrEqual(0); // NaN scores: the rank-sum path
    }
  });
});

describe('prAuc', () => {
  it('computes average precision by hand', () => {
    // order: 0.9(+) P=1 R=.5 ; 0.8(-) ; 0.7(+) P=2/3 R=1 -> 0.5*1 + 0.5*2/3
    expect(prAuc([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])).toBeCloseTo(0.5 + 1 / 3, 12);
  });
  it('treats tied scores as one level', () => {
    // both at 0.5: one positive among 2 -> precision 1/2 at recall 1
    expect(prAuc([1, 0], [0.5, 0.5])).toBeCloseTo(0.5, 12);
  });
});

describe('costs and threshold', () => {
  it('computes the Brier score', () => {
    expect(brierScore([1, 0], [0.75, 0.5])).toBeCloseTo((0.0625 + 0.25) / 2, 12);
  });
  it('counts the confusion matrix with refusal at p >= threshold', () => {
    expect(confusionAt([1, 0, 1, 0], [0.9, 0.6, 0.3, 0.1], 0.6)).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
  });
  it('normalises the cost by the cost of refusing nobody', () => {
    // 1 FN (10) + 1 FP (1) = 11 ; granting everyone: 2 positives x 10 = 20 -> 1 - 11/20
    expect(businessScore({ tp: 1, fp: 1, tn: 1, fn: 1 }, cost)).toBeCloseTo(0.45, 12);
  });
  it('finds the threshold with the lowest cost', () => {
    const labels = [1, 0, 1, 0, 0];
    const p = [0.9, 0.6, 0.3, 0.2, 0.1];
    // t=0.3: tp2 fp1 -> cost 1 ; t=0.9: fn1 -> 10 ; t=0.1: fp3 -> 3 ; t=0.2: fp2 -> 2
    expect(costOptimalThreshold(labels, p, cost)).toEqual({ threshold: 0.3, cost: 1, costPerClient: 0.2 });
  });
  it('judges each fold at the threshold chosen on the other folds (cross-fitted cost)', () => {
    const labels = [1, 0, 1, 0, 1, 0, 0, 0];
    const p = [0.9, 0.5, 0.4, 0.1, 0.8, 0.45, 0.3, 0.05];
    const fold = [0, 0, 0, 0, 1, 1, 1, 1];
    // Fold 1 alone picks t = 0.8 (cost 0); on fold 0 it grants the defaulter at 0.4: one FN = 10.
    // Fold 0 alone picks t = 0.4 (cost 1); on fold 1 it refuses the good client at 0.45: one FP = 1.
    expect(crossFittedCost(labels, p, fold, cost)).toBeCloseTo(11 / 8, 12);
    // The threshold chosen on all rows at once sees them: cost 2 (t = 0.4), lower than the deployed rule's.
    expect(costOptimalThreshold(labels, p, cost).cost).toBe(2);
    expect(crossFittedCost(labels, p, [0, 0, 0, 0, 0, 0, 0, 0], cost)).toBeNaN();
  });
  it('returns every metric at a threshold', () => {
    const m = classificationMetrics([1, 0, 1, 0], [0.9, 0.6, 0.3, 0.1], 0.6, cost, 1);
    expect(m.recall).toBe(0.5);
    expect(m.precision).toBe(0.5);
    expect(m.fBeta).toBeCloseTo(0.5, 12);
    expect(m.cost).toBe(11);
    expect(m.rocAuc).toBeCloseTo(0.75, 12);
  });
});
