import { chiSquareHomogeneity } from './chi-square.js';
import { chiSquareSf } from './incomplete-gamma.js';
import { jensenShannonDistance } from './jensen-shannon.js';
import { wasserstein, wassersteinNormed } from './wasserstein.js';

// Expected values computed with scipy 1.17 (chi2.sf, chi2_contingency, jensenshannon, wasserstein_distance).
describe('chi-square', () => {
  it.each([
    [3.84, 1, 0.05004352124870519],
    [25.3, 7, 0.0006712440753544802],
    [0.5, 3, 0.9188914116546758],
    [120, 40, 6.35191834037896e-10],
  ])('survival function chi2.sf(%p, %p)', (x, df, expected) => {
    expect(chiSquareSf(x, df)).toBeCloseTo(expected, 12);
  });

  it('tests homogeneity of a 2 x k table like chi2_contingency without correction', () => {
    const r = chiSquareHomogeneity([30, 50, 20], [20, 45, 35]);
    expect(r.statistic).toBeCloseTo(6.354066985645932, 10);
    expect(r.pValue).toBeCloseTo(0.04170920242693336, 12);
    expect(r.df).toBe(2);
  });

  it('ignores categories seen in neither sample and reports no drift for one category', () => {
    expect(chiSquareHomogeneity([10, 0], [5, 0])).toEqual({ statistic: 0, pValue: 1, df: 0 });
  });
});

describe('Jensen-Shannon distance', () => {
  it('equals scipy jensenshannon(base=2)', () => {
    expect(jensenShannonDistance([0.2, 0.5, 0.3], [0.1, 0.4, 0.5])).toBeCloseTo(0.18573582528591667, 12);
  });
  it('is 0 for identical and 1 for disjoint distributions', () => {
    expect(jensenShannonDistance([3, 1], [6, 2])).toBe(0);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(1, 12);
  });
});

describe('Wasserstein', () => {
  it('equals scipy wasserstein_distance', () => {
    const a = Float64Array.from([0, 1, 3, 7, 7.5]);
    const b = Float64Array.from([2, 2.5, 9, 10]);
    expect(wasserstein(a, b)).toBeCloseTo(2.275, 12);
  });
  it('normed: shifting by one reference standard deviation gives 1', () => {
    const a = Float64Array.from([1, 2, 3, 4]);
    const sd = Math.sqrt(1.25);
    expect(
      wassersteinNormed(
        a,
        a.map((v) => v + sd),
      ),
    ).toBeCloseTo(1, 12);
  });
});
