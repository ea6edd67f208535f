import { binShares, binSharesSorted, psi, psiFromShares, quantileEdges } from './psi.js';

describe('PSI', () => {
  it('equals the textbook formula on hand-made bins', () => {
    const r = [0.25, 0.25, 0.25, 0.25];
    const c = [0.1, 0.2, 0.3, 0.4];
    const textbook =
      (0.1 - 0.25) * Math.log(0.1 / 0.25) +
      (0.2 - 0.25) * Math.log(0.2 / 0.25) +
      (0.3 - 0.25) * Math.log(0.3 / 0.25) +
      (0.4 - 0.25) * Math.log(0.4 / 0.25);
    expect(psiFromShares(r, c)).toBeCloseTo(textbook, 15);
  });

  it('raises an empty bin to epsilon', () => {
    const expected = (1e-4 - 0.5) * Math.log(1e-4 / 0.5) + (1 - 0.5) * Math.log(1 / 0.5);
    expect(psiFromShares([0.5, 0.5], [0, 1])).toBeCloseTo(expected, 12);
  });

  it('bins on reference deciles: the reference against itself gives 0', () => {
    const ref = Float64Array.from({ length: 1000 }, (_, i) => i);
    const result = psi(ref, ref);
    expect(result.edges).toHaveLength(9);
    expect(result.referenceShares.every((s) => Math.abs(s - 0.1) < 1e-9)).toBe(true);
    expect(result.psi).toBe(0);
  });

  it('computes shares with value <= edge going left and skips NaN', () => {
    expect(binShares([1, 2, 3, 4, NaN], [2])).toEqual([0.5, 0.5]);
    expect(quantileEdges(Float64Array.from([0, 0, 0, 1]), 4)).toEqual([0, 0.25]);
  });

  it('grows with a shift of the current sample', () => {
    const ref = Float64Array.from({ length: 1000 }, (_, i) => i);
    expect(
      psi(
        ref,
        ref.map((v) => v + 300),
      ).psi,
    ).toBeGreaterThan(0.25);
  });

  it('counts sorted values by binary search exactly as binShares does (ties on edges go left)', () => {
    let seed = 5;
    const rand = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
    // Repeated values and values equal to the edges, plus infinities.
    const values = Float64Array.from({ length: 5000 }, () => Math.floor(rand() * 40) / 4);
    values[0] = -Infinity;
    values[1] = Infinity;
    const sorted = values.slice().sort();
    const edges = quantileEdges(sorted, 10);
    expect(edges.some((e) => sorted.includes(e))).toBe(true); // ties on edges are exercised
    expect(binSharesSorted(sorted, edges)).toEqual(binShares(values, edges));
    expect(binSharesSorted(new Float64Array(0), edges)).toEqual(binShares([], edges));
    const current = Float64Array.from({ length: 700 }, () => rand() * 12 - 1).sort();
    expect(psi(sorted, current, 10, 1e-4, true)).toEqual(psi(sorted, Array.from(current)));
  });
});
