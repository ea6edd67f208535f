import { createRedundancyCheck } from './redundancy.js';
import type { FeatureSpec } from './preprocess.js';

const spec = (index: number, median = 0): FeatureSpec => ({
  name: `f${index}`,
  index,
  median,
  missingRate: 0,
  indicator: true,
  kind: 'quantile',
  knots: [],
  levels: [],
});

describe('createRedundancyCheck', () => {
  const n = 1000;
  const rows = Array.from({ length: n }, (_, i) => i);
  const x = Float64Array.from(
    rows,
    (i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453),
  );
  const columns = [
    x,
    x.map((v) => Math.exp(5 * v)), // monotone in x: Spearman 1
    x.map((v) => -v), // reversed: Spearman -1, as redundant
    Float64Array.from(rows, (i) => (i * 7919) % 1000), // unrelated to x
  ];
  const features = columns.map((_, i) => spec(i, 0.5));

  it('finds monotone and reversed copies, not unrelated columns', () => {
    const check = createRedundancyCheck(features, columns, rows, 0.9);
    check.keep(0);
    expect(check.isRedundant(1)).toBe(true);
    expect(check.isRedundant(2)).toBe(true);
    expect(check.isRedundant(3)).toBe(false);
    // Below the limit nothing is redundant (|rho| = 1 is not > 1).
    const off = createRedundancyCheck(features, columns, rows, 1);
    off.keep(0);
    expect(off.isRedundant(1)).toBe(false);
  });
  it('gives tied values their average rank (a 0/1 column equals itself, not a noisy copy)', () => {
    const binary = Float64Array.from(rows, (i) => (i % 3 === 0 ? 1 : 0));
    const shifted = binary.map((v) => v * 2 + 5);
    const check = createRedundancyCheck([spec(0), spec(1)], [binary, shifted], rows, 0.999);
    check.keep(0);
    expect(check.isRedundant(1)).toBe(true);
  });
});
