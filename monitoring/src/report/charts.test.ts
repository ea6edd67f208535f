import { loadDriftConfig } from '../drift/config.js';
import type { DriftReport, FeatureDrift } from '../drift/types.js';
import { summarySpec } from './charts.js';

const feature = (name: string, psi: number, drifted: boolean, importance: number | null): FeatureDrift => ({
  name,
  kind: 'numeric',
  test: 'ks',
  statistic: 0.1,
  pValue: drifted ? 1e-6 : 0.5,
  threshold: 0.05,
  psi,
  ksStatistic: 0.1,
  missingRateReference: 0,
  missingRateCurrent: 0,
  drifted,
  reasons: drifted ? ['ks p < 0.05'] : [],
  importance,
});

const reportOf = (features: FeatureDrift[]): DriftReport => ({
  formatVersion: 1,
  createdAt: '2026-12-03T00:00:00.000Z',
  method: 'default',
  config: loadDriftConfig(),
  rows: { reference: 100, current: 100 },
  summary: {
    features: features.length,
    driftedFeatures: features.filter((f) => f.drifted).length,
    driftedShare: features.filter((f) => f.drifted).length / features.length,
    datasetDrift: false,
    weightedDriftedShare: null,
    weightedDrift: false,
    predictionDrift: null,
    alert: false,
    topDrifted: [],
  },
  prediction: null,
  target: null,
  features,
});

const barsOf = (spec: ReturnType<typeof summarySpec>) =>
  (spec as { layer: { data: { values: { feature: string; drifted: string }[] } }[] }).layer[0]!.data.values;

describe('summarySpec', () => {
  it('shows every drifted feature, most important first, even when stable ones have a larger PSI', () => {
    // 20 stable features with PSI 0.05..0.24 would fill the 15 places if bars were chosen by PSI alone.
    const stable = Array.from({ length: 20 }, (_, i) => feature(`stable${i}`, 0.05 + i * 0.01, false, 0.01));
    const report = reportOf([
      ...stable,
      feature('EXT_SOURCE_1', 0.02, true, 0.3), // drifted by its KS test, small PSI, important
      feature('AMT_REQ_CREDIT_BUREAU_MON', 0.4, true, 0.01),
    ]);
    const bars = barsOf(summarySpec(report, 15));
    expect(bars).toHaveLength(15);
    expect(bars.slice(0, 2)).toEqual([
      expect.objectContaining({ feature: 'EXT_SOURCE_1', drifted: 'drifted' }),
      expect.objectContaining({ feature: 'AMT_REQ_CREDIT_BUREAU_MON', drifted: 'drifted' }),
    ]);
    // The rest: the stable features with the largest PSI, largest first.
    expect(bars.slice(2).map((b) => b.feature)).toEqual(
      Array.from({ length: 13 }, (_, i) => `stable${19 - i}`),
    );
    expect(JSON.stringify(summarySpec(report).title)).toContain('drifted features first');
  });
  it('without drift, ranks by PSI', () => {
    const report = reportOf([feature('a', 0.01, false, null), feature('b', 0.09, false, null)]);
    expect(barsOf(summarySpec(report)).map((b) => b.feature)).toEqual(['b', 'a']);
    expect(JSON.stringify(summarySpec(report).title)).toContain('top 2 by PSI');
  });
});
