import {
  fitPreprocessor,
  percentileOf,
  selectInputs,
  transformColumns,
  transformRow,
  withPiecewiseBins,
} from './preprocess.js';
import { syntheticTable } from './synthetic.test-util.js';

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

describe('piecewise-linear encoding (piecewiseBins)', () => {
  const binned = fitPreprocessor(names, columns, all, 0.01, 4);
  it('gives each quantile feature `bins` inputs and leaves binary features and indicators alone', () => {
    expect(binned.outputs.map((o) => `${o.feature}:${o.part}`)).toEqual([
      ...Array(4).fill('amount:value'),
      'flag:value',
      ...Array(4).fill('sparse:value'),
      'sparse:missing',
    ]);
    expect(binned.features.map((f) => f.bins)).toEqual([4, undefined, 4]);
    expect(withPiecewiseBins(binned, 0)).toEqual(fitPreprocessor(names, columns, all, 0.01));
  });
  it('encodes the percentile p as min(max(4p - t, 0), 1): components fill up in order and sum to 4p', () => {
    const spec = binned.features[0]!;
    let previous = -1;
    for (const v of [1, 50, 400, 2500, 9000, 30000, 1e9]) {
      const row = transformRow(binned, [v, 1, 7, 5]);
      const parts = Array.from(row.subarray(0, 4));
      const sum = parts.reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(4 * percentileOf(spec, v), 5);
      expect(sum).toBeGreaterThanOrEqual(previous);
      previous = sum;
      parts.forEach((x, t) => {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        if (t > 0 && x > 0) expect(parts[t - 1]).toBe(1);
      });
    }
    expect(Array.from(transformRow(binned, [NaN, 0, 7, NaN]).subarray(5, 10)).at(-1)).toBe(1);
  });
  it('gives the same values for a batch and for single rows', () => {
    const width = binned.outputs.length;
    const batch = transformColumns(binned, columns, [5, 17]);
    const single = transformRow(
      binned,
      columns.map((c) => c[17]!),
    );
    expect(Array.from(batch.subarray(width, 2 * width))).toEqual(Array.from(single));
  });
});

describe('selectInputs', () => {
  const table = syntheticTable(600);
  const rows = Array.from({ length: 600 }, (_, i) => i);
  const pre = fitPreprocessor(table.names, table.columns, rows, 0.01);
  it('keeps the model inputs that separate the classes best on the given rows, in their original order', () => {
    expect(pre.outputs.map((o) => `${o.feature}:${o.part}`)).toContain('EXT_SOURCE_2:missing');
    const kept = selectInputs(pre, table.columns, rows, table.target, 2);
    const names = kept.outputs.map((o) => `${o.feature}:${o.part}`);
    expect(names).toEqual(['EXT_SOURCE_2:value', 'AMT_CREDIT:value']);
    expect(kept.features.find((f) => f.name === 'EXT_SOURCE_2')!.indicator).toBe(false);
    expect(kept.inputNames).toEqual(table.names);
    // Rows are still read at their original positions; the kept inputs have the same values as before.
    for (const r of [0, 3, 9]) {
      const row = table.columns.map((c) => c[r]!);
      const before = transformRow(pre, row);
      const wanted = pre.outputs.flatMap((o, j) =>
        names.includes(`${o.feature}:${o.part}`) ? [before[j]!] : [],
      );
      expect(Array.from(transformRow(kept, row))).toEqual(wanted);
    }
  });
  it('can keep an indicator without its value, which then feeds only the indicator', () => {
    // Labels = "EXT_SOURCE_2 is missing": its indicator is the strongest input by far.
    const y = Float64Array.from(rows, (r) => (Number.isNaN(table.columns[0]![r]!) ? 1 : 0));
    const kept = selectInputs(pre, table.columns, rows, y, 1);
    expect(kept.outputs).toEqual([{ feature: 'EXT_SOURCE_2', part: 'missing' }]);
    expect(kept.features[0]!.value).toBe(false);
    expect(Array.from(transformRow(kept, [NaN, 1, 1, 1, 1]))).toEqual([1]);
    expect(Array.from(transformRow(withPiecewiseBins(kept, 4), [0.3, 1, 1, 1, 1]))).toEqual([0]); // indicator only
  });
  it('ranks on the given rows only and leaves the preprocessor whole for 0 or too many', () => {
    // Labels that follow NOISE on the first 300 rows: only NOISE can rank first when those rows are used.
    const y = Float64Array.from(rows, (r) =>
      r < 300 ? (table.columns[2]![r]! > 0.5 ? 1 : 0) : table.target[r]!,
    );
    expect(selectInputs(pre, table.columns, rows.slice(0, 300), y.subarray(0, 300), 1).outputs).toEqual([
      { feature: 'NOISE', part: 'value' },
    ]);
    expect(
      selectInputs(pre, table.columns, rows.slice(300), y.subarray(300), 1).outputs[0]!.feature,
    ).not.toBe('NOISE');
    expect(selectInputs(pre, table.columns, rows, table.target, 0)).toBe(pre);
    expect(selectInputs(pre, table.columns, rows, table.target, pre.outputs.length)).toBe(pre);
  });
  it('with maxCorrelation, passes over a near-copy of an input already chosen', () => {
    // EXT_SOURCE_2 squared: a monotone copy (rank correlation 1) that scores exactly as EXT_SOURCE_2 does.
    const names = [...table.names, 'EXT_SOURCE_2_SQUARED'];
    const columns = [...table.columns, table.columns[0]!.map((v) => v * v)];
    const withCopy = fitPreprocessor(names, columns, rows, 0.01);
    const valuesOf = (p: typeof withCopy) =>
      p.outputs.filter((o) => o.part === 'value').map((o) => o.feature);
    const plain = selectInputs(withCopy, columns, rows, table.target, 3);
    expect(valuesOf(plain)).toEqual(expect.arrayContaining(['EXT_SOURCE_2', 'EXT_SOURCE_2_SQUARED']));
    const distinct = selectInputs(withCopy, columns, rows, table.target, 3, 0.9);
    expect(valuesOf(distinct)).toContain('EXT_SOURCE_2');
    expect(valuesOf(distinct)).not.toContain('EXT_SOURCE_2_SQUARED');
    // The freed place goes to the next input that is not a copy, so the count is the same.
    expect(distinct.outputs).toHaveLength(3);
    expect(selectInputs(withCopy, columns, rows, table.target, 3, 1)).toEqual(plain);
  });
});
