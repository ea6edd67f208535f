import { compareInYears, scatterInYears } from './compare-units.js';

describe('compare units', () => {
  it('turns negative day counts into years, bins in ascending order, percentile flipped', () => {
    const f = compareInYears({
      field: 'DAYS_BIRTH',
      label: 'Age',
      clientValue: -3652.5,
      percentile: 0.8,
      bins: [
        { start: -7305, end: -3652.5, count: 2 },
        { start: -3652.5, end: 0, count: 8 },
      ],
    });
    expect(f.clientValue).toBeCloseTo(10);
    expect(f.percentile).toBeCloseTo(0.2);
    expect(f.bins).toEqual([
      { start: -0, end: 10, count: 8 },
      { start: 10, end: 20, count: 2 },
    ]);
  });
  it('leaves other fields as they are', () => {
    const f = { field: 'AMT_CREDIT', label: 'x', clientValue: 5, percentile: 0.5, bins: [] };
    expect(compareInYears(f)).toBe(f);
    const s = scatterInYears(
      { points: [{ x: -365.25, y: 3 }], client: { x: null, y: 4 } },
      'DAYS_EMPLOYED',
      'AMT_CREDIT',
    );
    expect(s).toEqual({ points: [{ x: 1, y: 3 }], client: { x: null, y: 4 } });
  });
});
