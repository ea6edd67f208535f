import { describe, expect, it } from '@jest/globals';
import type { PopulationData } from '../deps.js';
import { incomeCutsOf, MIN_SEGMENT, segmentOf } from './segment.js';

/** n clients: contract by parity, age 25 + (i % 40) years, income 1000 * (i + 1). */
function base(n: number, over: Partial<Record<string, (i: number) => number>> = {}): PopulationData {
  const make = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const columns: Record<string, Float64Array> = {
    'NAME_CONTRACT_TYPE_Cash loans': make(over.cash ?? ((i) => (i % 2 === 0 ? 1 : 0))),
    'NAME_CONTRACT_TYPE_Revolving loans': make(over.revolving ?? ((i) => (i % 2 === 0 ? 0 : 1))),
    DAYS_BIRTH: make(over.days ?? ((i) => -Math.round((25 + (i % 40) + 0.5) * 365.25))),
    AMT_INCOME_TOTAL: make(over.income ?? ((i) => 1000 * (i + 1))),
  };
  return {
    ids: Array.from({ length: n }, (_, i) => 100000 + i),
    names: Object.keys(columns),
    column: (name) => columns[name],
    rowOf: (id) => (id >= 100000 && id < 100000 + n ? id - 100000 : undefined),
  };
}

describe('the client segment', () => {
  it('keeps the clients with the same contract type, 10-year age band and income fifth, the client excluded', () => {
    const data = base(4000);
    const row = 10; // cash loans, 35 years, income 11,000 (first fifth: 1,000..800,000)
    const { rules, rows } = segmentOf(data, row, incomeCutsOf(data));
    expect(rules).toEqual([
      { field: 'NAME_CONTRACT_TYPE', value: 'Cash loans' },
      { field: 'AGE_YEARS', from: 30, to: 39 },
      { field: 'AMT_INCOME_TOTAL', from: 1000, to: 800_000 },
    ]);
    const cash = data.column('NAME_CONTRACT_TYPE_Cash loans')!;
    const days = data.column('DAYS_BIRTH')!;
    const income = data.column('AMT_INCOME_TOTAL')!;
    expect(rows.length).toBeGreaterThan(MIN_SEGMENT);
    expect([...rows]).not.toContain(row);
    for (const i of rows) {
      expect(cash[i]).toBe(1);
      expect(Math.floor(-days[i]! / 365.25 / 10)).toBe(3);
      expect(income[i]).toBeLessThanOrEqual(800_000);
    }
    // Every member is found: count them by brute force.
    let expected = 0;
    for (let i = 0; i < 4000; i++)
      if (i !== row && cash[i] === 1 && Math.floor(-days[i]! / 365.25 / 10) === 3 && income[i]! <= 800_000)
        expected++;
    expect(rows.length).toBe(expected);
  });

  it('drops the income rule, then the age rule, when too few clients share them', () => {
    const data = base(400);
    const { rules, rows } = segmentOf(data, 10, incomeCutsOf(data));
    expect(rules.map((r) => r.field)).toEqual(['NAME_CONTRACT_TYPE', 'AGE_YEARS']);
    expect(rows.length).toBeGreaterThanOrEqual(MIN_SEGMENT);
    const tiny = base(100);
    expect(segmentOf(tiny, 10, incomeCutsOf(tiny)).rules.map((r) => r.field)).toEqual(['NAME_CONTRACT_TYPE']);
  });

  it('leaves out a rule the client has no value for', () => {
    const data = base(4000, {
      days: (i) => (i === 10 ? NaN : -12000),
      income: (i) => (i === 10 ? NaN : 5000),
    });
    const { rules, rows } = segmentOf(data, 10, incomeCutsOf(data));
    expect(rules).toEqual([{ field: 'NAME_CONTRACT_TYPE', value: 'Cash loans' }]);
    expect(rows.length).toBe(1999);
  });
});
