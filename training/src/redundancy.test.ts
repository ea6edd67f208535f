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
    x.map((v, i) => (i % 10 === 0 ? Number.NaN : v)), // x with 10% missing
  ];
  const features = columns.map((_, i) => spec(i, 0.5));

  it('finds monotone and reversed copies, not unrelated columns', () => {
    const check = createRedundancyCheck(features, columns, rows, 0.9);
    check.keep(0, 'value');
    expect(check.isRedundant(1, 'value')).toBe(true);
    expect(check.isRedundant(2, 'value')).toBe(true);
    expect(check.isRedundant(3, 'value')).toBe(false);
    // Below the limit nothing is redundant (|rho| = 1 is not > 1).
    const off = createRedundancyCheck(features, columns, rows, 1);
    off.keep(0, 'value');
    expect(off.isRedundant(1, 'value')).toBe(false);
  });
  it('compares missing indicators as 0/1 inputs: two features missing on the same rows are copies', () => {
    const twin = x.map((v, i) => (i % 10 === 0 ? Number.NaN : 1 - v));
    const cols = [...columns, twin];
    const check = createRedundancyCheck([...features, spec(5, 0.5)], cols, rows, 0.9);
    check.keep(4, 'missing');
    expect(check.isRedundant(5, 'missing')).toBe(true);
    // A constant input (no missing value in column 0) is never redundant: it carries no ranking at all.
    expect(check.isRedundant(0, 'missing')).toBe(false);
  });
  it('gives tied values their average rank (a 0/1 column equals itself, not a noisy copy)', () => {
    const binary = Float64Array.from(rows, (i) => (i % 3 === 0 ? 1 : 0));
    const shifted = binary.map((v) => v * 2 + 5);
    const check = createRedundancyCheck([spec(0), spec(1)], [binary, shifted], rows, 0.999);
    check.keep(0, 'value');
    expect(check.isRedundant(1, 'value')).toBe(true);
  });
});
