import { aggregateColumn, codeShares, type AggOp } from './aggregate.js';
import { groupBy } from './group-by.js';

const ALL: AggOp[] = ['min', 'max', 'mean', 'sum', 'var', 'size', 'nunique'];

function aggregate(keys: number[], values: number[], ops: AggOp[] = ALL) {
  const g = groupBy(Float64Array.from(keys));
  const out = aggregateColumn(g, Float64Array.from(values), ops);
  return {
    keys: Array.from(g.keys),
    byOp: Object.fromEntries(ops.map((op, i) => [op, Array.from(out[i]!)])),
  };
}

describe('groupBy', () => {
  it('orders groups by first appearance, keeps rows in file order and drops missing keys', () => {
    const g = groupBy(Float64Array.from([7, 3, 7, NaN, 3, 9]));
    expect(Array.from(g.keys)).toEqual([7, 3, 9]);
    expect(Array.from(g.order)).toEqual([0, 2, 1, 4, 5]);
    expect(Array.from(g.starts)).toEqual([0, 2, 4, 5]);
    expect(g.indexOf(3)).toBe(1);
    expect(g.indexOf(4)).toBe(-1);
  });

  it('groups keys that are not compact integers through a map', () => {
    const g = groupBy(Float64Array.from([0.5, 1e12, 0.5]));
    expect(Array.from(g.keys)).toEqual([0.5, 1e12]);
    expect(g.indexOf(1e12)).toBe(1);
  });

  it('leaves out rows that are not kept', () => {
    const g = groupBy(Float64Array.from([1, 2, 1]), Uint8Array.from([1, 0, 1]));
    expect(Array.from(g.keys)).toEqual([1]);
    expect(g.indexOf(2)).toBe(-1);
  });
});

describe('aggregateColumn (pandas semantics)', () => {
  it('computes every aggregate of a group in one pass', () => {
    // group 1: 2, NaN, 4, 4 -> min 2, max 4, mean 10/3, sum 10, var ((2-10/3)^2+2(4-10/3)^2)/2 = 4/3
    const { byOp } = aggregate([1, 1, 1, 1], [2, NaN, 4, 4]);
    expect(byOp.min).toEqual([2]);
    expect(byOp.max).toEqual([4]);
    expect(byOp.mean![0]).toBeCloseTo(10 / 3, 15);
    expect(byOp.sum).toEqual([10]);
    expect(byOp.var![0]).toBeCloseTo(4 / 3, 14);
    expect(byOp.size).toEqual([4]); // the missing value counts in size
    expect(byOp.nunique).toEqual([2]); // but not in nunique
  });

  it('gives a missing variance for one value and a zero sum for all-missing values', () => {
    const { byOp } = aggregate([1, 2, 2], [5, NaN, NaN]);
    expect(byOp.var).toEqual([NaN, NaN]);
    expect(byOp.sum).toEqual([5, 0]);
    expect(byOp.mean).toEqual([5, NaN]);
    expect(byOp.min).toEqual([5, NaN]);
    expect(byOp.max).toEqual([5, NaN]);
    expect(byOp.size).toEqual([1, 2]);
    expect(byOp.nunique).toEqual([1, 0]);
  });

  it('sums with compensation as pandas does (1e16 + 1 + 1 = 1e16 + 2, not 1e16)', () => {
    const { byOp } = aggregate([1, 1, 1], [1e16, 1, 1], ['sum', 'mean']);
    expect(byOp.sum).toEqual([1e16 + 2]);
    expect(byOp.mean).toEqual([(1e16 + 2) / 3]);
  });

  it('keeps infinities: the sum of Infinity and a number is Infinity, of +Infinity and -Infinity NaN', () => {
    const { byOp } = aggregate([1, 1, 2, 2], [Infinity, 3, Infinity, -Infinity], ['sum', 'mean', 'max']);
    expect(byOp.sum).toEqual([Infinity, NaN]);
    expect(byOp.mean).toEqual([Infinity, NaN]);
    expect(byOp.max).toEqual([Infinity, Infinity]);
  });
});

describe('codeShares (one-hot means from codes)', () => {
  it('equals the mean of each indicator column, bit for bit, including missing and unseen codes', () => {
    // 3 groups; codes 0..2, -1 = missing, -2 = unseen
    const keys = Float64Array.from([1, 2, 1, 3, 1, 2, 1, 3, 3, 1, 2]);
    const codes = Int32Array.from([0, 1, 2, -1, 0, 0, -2, 2, 2, 1, -1]);
    const g = groupBy(keys);
    const wanted = [0, 1, 2, -1];
    const shares = codeShares(g, codes, wanted);
    wanted.forEach((code, w) => {
      const indicator = Float64Array.from(codes, (c) => (c === code ? 1 : 0));
      const [mean] = aggregateColumn(g, indicator, ['mean']);
      expect(Array.from(shares[w]!)).toEqual(Array.from(mean!));
    });
    expect(Array.from(shares[0]!)).toEqual([2 / 5, 1 / 3, 0]);
  });
});
