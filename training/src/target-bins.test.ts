import { fitPreprocessor, percentileOf, transformColumns, transformRow } from './preprocess.js';
import { createRandom } from './random.js';
import { treeEdges, withTargetBins } from './target-bins.js';

/** Percentiles 0..1 with a default rate of 40% below 0.1, 30% above 0.9 and 5% between. */
function steppedRisk(n: number) {
  const random = createRandom(3);
  const p = Float64Array.from({ length: n }, (_, i) => i / n);
  const label = Float64Array.from(p, (v) => (random() < (v < 0.1 ? 0.4 : v > 0.9 ? 0.3 : 0.05) ? 1 : 0));
  return { p, label };
}

describe('treeEdges', () => {
  const { p, label } = steppedRisk(5000);
  it('puts its first cuts where the default rate changes', () => {
    const edges = treeEdges(p, label, 3, 0.02);
    expect(edges).toHaveLength(4);
    expect(edges[0]).toBe(0);
    expect(edges[3]).toBe(1);
    expect(edges[1]).toBeCloseTo(0.1, 2);
    expect(edges[2]).toBeCloseTo(0.9, 2);
  });
  it('keeps at least minLeafShare of the values in every slice and never more slices than asked', () => {
    const edges = treeEdges(p, label, 8, 0.05);
    expect(edges.length).toBeLessThanOrEqual(9);
    for (let t = 0; t + 1 < edges.length; t++) {
      const inside = p.filter((v) => v >= edges[t]! && v < edges[t + 1]!).length;
      expect(inside).toBeGreaterThanOrEqual(0.05 * p.length - 1);
    }
  });
  it('with minChi2, cuts only where the classes really differ: a weak, noisy feature keeps one slice', () => {
    const random = createRandom(9);
    const noise = Float64Array.from(p, () => (random() < 0.08 ? 1 : 0)); // same rate everywhere
    expect(treeEdges(p, noise, 8, 0.05).length).toBeGreaterThan(2); // Gini alone follows the noise
    expect(treeEdges(p, noise, 8, 0.05, 16)).toEqual([0, 1]);
    const edges = treeEdges(p, label, 8, 0.05, 16); // the real steps at 0.1 and 0.9 stay
    expect(edges.some((e) => Math.abs(e - 0.1) < 0.01)).toBe(true);
    expect(edges.some((e) => Math.abs(e - 0.9) < 0.01)).toBe(true);
  });
  it('does not cut between equal values, and gives one slice when nothing separates the classes', () => {
    const tied = Float64Array.from({ length: 1000 }, (_, i) => (i < 500 ? 0.25 : 0.75));
    const labels = Float64Array.from({ length: 1000 }, (_, i) => (i < 500 ? 1 : 0));
    expect(treeEdges(tied, labels, 8, 0.01)).toEqual([0, 0.5, 1]);
    expect(treeEdges(p, new Float64Array(p.length), 8, 0.01)).toEqual([0, 1]);
  });
});

describe('withTargetBins', () => {
  const n = 5000;
  const random = createRandom(5);
  const risk = Float64Array.from({ length: n }, () => random());
  const flag = Float64Array.from({ length: n }, (_, i) => i % 2);
  risk[7] = NaN;
  const y = Float64Array.from(risk, (v) => (random() < (v > 0.8 ? 0.5 : 0.05) ? 1 : 0));
  const rows = Array.from({ length: n }, (_, i) => i);
  const base = fitPreprocessor(['risk', 'flag'], [risk, flag], rows, 0.0001, 8);
  const pre = withTargetBins(base, [risk, flag], rows, y, 8, 0.02);
  const spec = pre.features[0]!;

  it('gives quantile features tree edges (the first near the step) and leaves binary features alone', () => {
    expect(spec.edges![0]).toBe(0);
    expect(spec.edges!.at(-1)).toBe(1);
    expect(spec.bins).toBe(spec.edges!.length - 1);
    expect(spec.edges!.some((e) => Math.abs(e - 0.8) < 0.03)).toBe(true);
    expect(pre.features[1]).toEqual(base.features[1]);
    expect(pre.outputs.filter((o) => o.feature === 'risk' && o.part === 'value')).toHaveLength(spec.bins!);
  });
  it('encodes p slice by slice: each input in [0, 1], filled in order, summing to the slices passed', () => {
    for (const v of [0.01, 0.3, 0.79, 0.81, 0.99]) {
      const parts = Array.from(transformRow(pre, [v, 1]).subarray(0, spec.bins!));
      const p = percentileOf(spec, v);
      const slice = spec.edges!.findIndex((e, t) => p >= e && p <= spec.edges![t + 1]!);
      parts.forEach((x, t) => {
        if (t < slice) expect(x).toBe(1);
        if (t > slice) expect(x).toBe(0);
      });
      const e = spec.edges!;
      expect(parts[slice]).toBeCloseTo((p - e[slice]!) / (e[slice + 1]! - e[slice]!), 5);
    }
  });
  it('gives the same values for a batch and for single rows, missing values included', () => {
    const width = pre.outputs.length;
    const batch = transformColumns(pre, [risk, flag], [3, 7]);
    expect(Array.from(batch.subarray(width, 2 * width))).toEqual(Array.from(transformRow(pre, [NaN, 1])));
    expect(Array.from(batch.subarray(0, width))).toEqual(Array.from(transformRow(pre, [risk[3]!, flag[3]!])));
  });
});
