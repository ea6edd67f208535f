import { describe, expect, it } from '@jest/globals';
import type { PopulationData } from '../deps.js';
import { fakeModel } from '../testing/fakes.js';
import { checkField, distribution, populationRows, scatterPoints, similaritySpace } from './population.js';

// Five clients on a line in AMT_CREDIT_K (EXT_SOURCE_1 constant): neighbours are the closest values.
const columns: Record<string, Float64Array> = {
  AMT_CREDIT_K: Float64Array.from([0, 1, 2, 10, 11]),
  EXT_SOURCE_1: Float64Array.from([0.5, 0.5, 0.5, 0.5, NaN]),
};
const data: PopulationData = {
  ids: [11, 12, 13, 14, 15],
  names: Object.keys(columns),
  column: (n) => columns[n],
  rowOf: (id) => (id >= 11 && id <= 15 ? id - 11 : undefined),
};

describe('population analytics', () => {
  it('finds the k nearest clients in the scaled feature space, the client itself excluded', () => {
    const space = similaritySpace(data, fakeModel());
    expect(space.features).toEqual(['AMT_CREDIT_K', 'EXT_SOURCE_1']);
    expect(Array.from(populationRows(data, space, 0, 'similar', 2))).toEqual([1, 2]);
    expect(Array.from(populationRows(data, space, 4, 'similar', 1))).toEqual([3]);
    expect(Array.from(populationRows(data, space, 0, 'all', 2))).toEqual([0, 1, 2, 3, 4]);
  });
  it('bins the finite values and gives the share below the client (ties count half)', () => {
    const d = distribution(columns.AMT_CREDIT_K!, [0, 1, 2, 3, 4], 2);
    expect(d.bins).toHaveLength(20);
    expect(d.bins[0]!.start).toBe(0);
    expect(d.bins[19]!.end).toBe(11);
    expect(d.bins.reduce((a, b) => a + b.count, 0)).toBe(5);
    expect(d.bins[19]!.count).toBe(1); // the maximum falls in the last bin
    expect(d.percentile).toBeCloseTo(2.5 / 5, 12);
    const missing = distribution(columns.EXT_SOURCE_1!, [0, 1, 2, 3, 4], NaN);
    expect(missing).toMatchObject({ clientValue: null, percentile: null });
    expect(missing.bins).toEqual([{ start: 0.5, end: 0.5, count: 4 }]);
  });
  it('samples scatter points evenly and deterministically beyond the cap', () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : i * 2));
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const points = scatterPoints(x, y, rows, 100);
    expect(points).toHaveLength(100);
    expect(points.every((p) => p.y === p.x * 2)).toBe(true);
    expect(points[99]!.x).toBeGreaterThan(9_000); // spread over the whole range, not the first 100
    expect(scatterPoints(x, y, rows, 100)).toEqual(points);
  });
  it('names an unknown field and lists the valid ones', () => {
    expect(() => checkField(data, 'NOPE', 'query.fields')).toThrow(
      /unknown field "NOPE" in query.fields; valid fields: AMT_CREDIT_K, EXT_SOURCE_1/,
    );
  });
});
