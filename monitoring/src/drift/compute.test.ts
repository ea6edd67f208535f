import { loadDriftConfig } from './config.js';
import { computeDrift } from './compute.js';

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}
const rand = seeded(7);
const normal = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());

function table(n: number, shift: number, missing = 0) {
  const stable = Float64Array.from({ length: n }, () => normal());
  const moved = Float64Array.from({ length: n }, () => (rand() < missing ? NaN : normal() + shift));
  const code = Float64Array.from({ length: n }, () => (rand() < 0.3 + shift / 4 ? 1 : 0));
  return { names: ['stable', 'moved', 'code'], columns: [stable, moved, code] };
}

describe('computeDrift', () => {
  const config = loadDriftConfig();

  it('flags the shifted features, not the stable one, and infers kinds', () => {
    const report = computeDrift({ reference: table(3000, 0), current: table(2000, 1, 0.2), config });
    const byName = Object.fromEntries(report.features.map((f) => [f.name, f]));
    expect(byName.stable!.drifted).toBe(false);
    expect(byName.moved!.drifted).toBe(true);
    expect(byName.moved!.missingRateCurrent).toBeGreaterThan(0.15);
    expect(byName.code!.kind).toBe('categorical');
    expect(byName.code!.test).toBe('chi-square');
    expect(byName.code!.drifted).toBe(true);
    expect(report.summary.driftedShare).toBeCloseTo(2 / 3, 12);
    expect(report.summary.alert).toBe(true);
  });

  it('weights drift by importance: an unimportant drifted feature does not alert', () => {
    const report = computeDrift({
      reference: table(2000, 0),
      current: table(2000, 0.8),
      importance: { stable: 0.9, moved: 0.05, code: 0.05 },
      config: { ...config, alertOnDatasetDrift: false },
    });
    expect(report.summary.weightedDriftedShare).toBeCloseTo(0.1, 12);
    expect(report.summary.weightedDrift).toBe(false);
    expect(report.summary.alert).toBe(false);
  });

  it('uses Evidently choices: Wasserstein above 1000 reference rows, KS below', () => {
    const evidently = { ...config, method: 'evidently' as const };
    const big = computeDrift({ reference: table(1500, 0), current: table(500, 0), config: evidently });
    expect(big.features.find((f) => f.name === 'stable')!.test).toBe('wasserstein-normed');
    expect(big.features.find((f) => f.name === 'code')!.test).toBe('jensen-shannon');
    const small = computeDrift({ reference: table(800, 0), current: table(500, 0), config: evidently });
    expect(small.features.find((f) => f.name === 'stable')!.test).toBe('ks');
  });

  it('reports prediction and target drift when given', () => {
    const refTarget = Float64Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const curTarget = Float64Array.from({ length: 1000 }, (_, i) =>
      i % 4 === 0 ? 1 : i % 3 === 0 ? NaN : 0,
    );
    const report = computeDrift({
      reference: table(1000, 0),
      current: table(1000, 0),
      referencePredictions: Float64Array.from({ length: 1000 }, () => rand()),
      currentPredictions: Float64Array.from({ length: 1000 }, () => rand() ** 2),
      referenceTarget: refTarget,
      currentTarget: curTarget,
      config,
    });
    expect(report.prediction!.drifted).toBe(true);
    expect(report.target!.referenceRate).toBeCloseTo(0.1, 12);
    expect(report.target!.drifted).toBe(true);
  });

  it('names the missing feature when the current table lacks one', () => {
    expect(() =>
      computeDrift({
        reference: table(10, 0),
        current: { names: ['stable'], columns: [new Float64Array(3)] },
        config,
      }),
    ).toThrow(/moved, code/);
  });
});
