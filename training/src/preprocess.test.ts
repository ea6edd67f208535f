import { fitPreprocessor, percentileOf, transformColumns, transformRow } from './preprocess.js';

const names = ['amount', 'flag', 'constant', 'sparse'];
const n = 200;
const amount = Float64Array.from({ length: n }, (_, i) => (i === 0 ? Infinity : i * i));
const flag = Float64Array.from({ length: n }, (_, i) => i % 2);
const constant = new Float64Array(n).fill(7);
const sparse = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? NaN : i));
const columns = [amount, flag, constant, sparse];
const all = Array.from({ length: n }, (_, i) => i);

describe('fitPreprocessor', () => {
  const pre = fitPreprocessor(names, columns, all, 0.01);
  it('drops constant columns and adds indicators only where the missing rate is meaningful', () => {
    expect(pre.outputs).toEqual([
      { feature: 'amount', part: 'value' },
      { feature: 'flag', part: 'value' },
      { feature: 'sparse', part: 'value' },
      { feature: 'sparse', part: 'missing' },
    ]);
  });
  it('treats Infinity as missing and imputes the median', () => {
    const row = transformRow(pre, [Infinity, 1, 7, NaN]);
    const sparseSpec = pre.features.find((f) => f.name === 'sparse')!;
    expect(row[3]).toBe(1);
    expect(row[2]).toBeCloseTo((percentileOf(sparseSpec, sparseSpec.median) - 0.5) * 2 * Math.sqrt(3), 5);
    expect(row[1]).toBe(1);
  });
  it('maps heavy-tailed values into [-√3, √3], monotonically', () => {
    const low = transformRow(pre, [1, 0, 7, 5])[0]!;
    const high = transformRow(pre, [1e12, 0, 7, 5])[0]!;
    expect(low).toBeGreaterThanOrEqual(-Math.sqrt(3) - 1e-6);
    expect(high).toBeCloseTo(Math.sqrt(3), 5);
    expect(high).toBeGreaterThan(low);
  });
  it('fits on the given rows only', () => {
    const firstHalf = fitPreprocessor(names, columns, all.slice(0, 100), 0.01);
    expect(firstHalf.features[0]!.knots.at(-1)).toBe(99 * 99);
  });
  it('gives the same values for a batch and for single rows', () => {
    const batch = transformColumns(pre, columns, [5, 17]);
    const single = transformRow(
      pre,
      columns.map((c) => c[17]!),
    );
    expect(Array.from(batch.subarray(4, 8))).toEqual(Array.from(single));
  });
});
