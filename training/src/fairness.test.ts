import { describe, expect, it } from '@jest/globals';
import { ageBand, fairnessReport } from './fairness.js';

describe('fairness report', () => {
  // 6 clients: codes 0, 0, 0, 1, 1, -1 (missing); threshold 0.5 (refuse at or above).
  const labels = Float64Array.from([1, 0, 0, 1, 0, 0]);
  const probabilities = Float64Array.from([0.9, 0.6, 0.1, 0.2, 0.3, 0.7]);
  const gender = Float64Array.from([0, 0, 0, 1, 1, -1]);

  it('names the CODE_GENDER groups by the recipe categories, missing as unknown', () => {
    const report = fairnessReport(labels, probabilities, 0.5, { gender, genderCategories: ['F', 'M'] });
    expect(report.map((g) => `${g.attribute}:${g.group}:${g.rows}`)).toEqual([
      'CODE_GENDER:F:3',
      'CODE_GENDER:M:2',
      'CODE_GENDER:unknown:1',
    ]);
  });

  it('keeps the codes when no categories are known (older bundles)', () => {
    const report = fairnessReport(labels, probabilities, 0.5, { gender });
    expect(report.map((g) => g.group)).toEqual(['0', '1', 'unknown']);
  });

  it('counts approvals and errors per group at the threshold', () => {
    const [women, men] = fairnessReport(labels, probabilities, 0.5, { gender, genderCategories: ['F', 'M'] });
    // F: defaulter refused (0.9), good client refused (0.6), good client granted (0.1).
    expect(women).toMatchObject({ defaultRate: 1 / 3, approvalRate: 1 / 3, falsePositiveRate: 1 / 2 });
    expect(women!.falseNegativeRate).toBe(0);
    // M: defaulter granted (0.2), good client granted (0.3).
    expect(men).toMatchObject({
      defaultRate: 1 / 2,
      approvalRate: 1,
      falsePositiveRate: 0,
      falseNegativeRate: 1,
    });
  });

  it('bands ages from DAYS_BIRTH', () => {
    expect([-20 * 365.25, -35 * 365.25, -61 * 365.25, Number.NaN].map(ageBand)).toEqual([
      '<30',
      '30-39',
      '60+',
      'unknown',
    ]);
  });
});
