import { readFileSync } from 'node:fs';
import { ks2samp } from './ks.js';

interface Case {
  name: string;
  a: number[];
  b: number[];
  statistic: number;
  pvalue: number;
}
// Generated once by scripts/make-ks-fixtures.py with scipy.stats.ks_2samp (method 'auto').
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/ks2samp.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

describe('ks2samp matches scipy.stats.ks_2samp', () => {
  it.each(fixtures.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = ks2samp(c.a, c.b);
    expect(Math.abs(r.statistic - c.statistic)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(r.pValue - c.pvalue)).toBeLessThanOrEqual(1e-9);
  });

  it('uses the exact distribution up to 10000 rows and the asymptotic one above', () => {
    expect(ks2samp([1, 2, 3], [2, 3, 4]).method).toBe('exact');
    const big = Array.from({ length: 10001 }, (_, i) => i);
    expect(ks2samp(big, [1, 2, 3]).method).toBe('asymp');
  });
});
