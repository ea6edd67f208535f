import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBundle, saveBundle } from './bundle.js';
import { integratedGradients } from './integrated-gradients.js';
import { syntheticTable } from './synthetic.test-util.js';
import { trainFromFeatureTable, type TrainingResult } from './train.js';
import { transformRow } from './preprocess.js';
import type { FieldInfo } from './types.js';

const table = syntheticTable(360, 3);
table.target[0] = Number.NaN; // an unlabelled row: left out of training
const config = {
  folds: 3,
  seed: 11,
  mlp: { hiddenLayers: [8], epochs: 3, batchSize: 64, learningRate: 0.03, patience: 2 },
  baseline: { epochs: 8, batchSize: 32, learningRate: 0.1, patience: 3 },
  importanceRows: 60,
};
const fieldInfo = {
  EXT_SOURCE_2: { label: 'External score 2', description: 'normalised score from an external source' },
};
let result: TrainingResult;
const epochs: unknown[] = [];
const folds: unknown[] = [];

beforeAll(async () => {
  result = await trainFromFeatureTable(table, {
    config,
    fieldInfo,
    onEpoch: (e) => epochs.push(e),
    onFold: (f) => folds.push(f),
  });
}, 60_000);

describe('trainFromFeatureTable', () => {
  it('reports every fold and epoch, and a model better than chance beside the baseline', () => {
    expect(folds).toHaveLength(3);
    expect(epochs.length).toBeGreaterThanOrEqual(3 * 2);
    expect(result.metrics.mlp.rows).toBe(359);
    expect(result.metrics.mlp.rocAuc).toBeGreaterThan(0.6);
    expect(result.metrics.baseline.rocAuc).toBeGreaterThan(0.6);
    expect(result.model.manifest.threshold).toBe(result.metrics.mlp.threshold);
    expect(result.artifacts.map((a) => a.name)).toContain('cost-curve.json');
    expect(result.importance[0]!.field).toBe('EXT_SOURCE_2');
    expect(result.fairness.some((g) => g.attribute === 'age band')).toBe(true);
  });

  it('reports the cost of the threshold rule on clients it was not chosen on (cross-fitted)', () => {
    for (const m of [result.metrics.mlp, result.metrics.baseline]) {
      const grantEveryone = (m.positives * 10) / m.rows;
      expect(m.crossFittedCostPerClient).toBeGreaterThan(0);
      expect(m.crossFittedCostPerClient).toBeLessThanOrEqual(grantEveryone);
    }
  });

  it('gives the same metrics for the same seed and data', async () => {
    const again = await trainFromFeatureTable(table, { config: { ...config, folds: 2, importanceRows: 10 } });
    const twice = await trainFromFeatureTable(table, { config: { ...config, folds: 2, importanceRows: 10 } });
    expect(twice.metrics).toEqual(again.metrics);
  }, 60_000);

  it('leaves CODE_GENDER out on request', async () => {
    const r = await trainFromFeatureTable(table, {
      config: { ...config, folds: 2, excludeProtected: true, importanceRows: 10 },
      // As @credit/data's featureLabels writes it: the recipe's codes of a factorized column.
      fieldInfo: { CODE_GENDER: { label: 'Gender', description: '', categories: ['F', 'M'] } as FieldInfo },
    });
    expect(r.model.manifest.featureNames).not.toContain('CODE_GENDER');
    const groups = r.fairness.filter((g) => g.attribute === 'CODE_GENDER').map((g) => g.group);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((g) => g === 'F' || g === 'M' || g === 'unknown')).toBe(true); // named, not 0/1
  }, 60_000);

  it('saves the quality knobs in the manifest and applies them identically at scoring', async () => {
    const r = await trainFromFeatureTable(table, {
      config: {
        ...config,
        folds: 2,
        importanceRows: 10,
        maxInputs: 3,
        piecewiseBins: 4,
        mlp: { ...config.mlp, ensemble: 2, inputDropout: 0.1, lrDecay: 0.9 },
      },
    });
    const m = r.model.manifest;
    expect(m.config).toMatchObject({ maxInputs: 3, piecewiseBins: 4 });
    expect(m.config.mlp).toMatchObject({ ensemble: 2, inputDropout: 0.1, lrDecay: 0.9 });
    expect(
      m.preprocessing.features.reduce((n, f) => n + (f.value === false ? 0 : 1) + (f.indicator ? 1 : 0), 0),
    ).toBe(3);
    // Target-aware slices (the default): at most 4 per quantile feature, their edges saved with them.
    const quantile = m.preprocessing.features.filter((f) => f.kind === 'quantile' && f.value !== false);
    expect(m.config.piecewiseEdges).toBe('target');
    expect(quantile.length).toBeGreaterThan(0);
    for (const f of quantile) {
      expect(f.bins).toBeLessThanOrEqual(4);
      expect(f.edges).toHaveLength(f.bins! + 1);
    }
    expect(m.network.hiddenLayers).toEqual([16]);
    expect(r.model.network.layers[0]!.getWeights()[1]!.shape).toEqual([16]);
    const batch = r.model.predictColumns(table.columns);
    for (const row of [1, 7, 50].map((i) => table.columns.map((c) => c[i]!))) {
      const e = r.model.explain(row);
      const sum = e.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(Math.abs(sum - (e.output.logit - e.baseline.logit))).toBeLessThan(1e-3);
    }
    [1, 7, 50].forEach((i) =>
      expect(r.model.predictProba(table.columns.map((c) => c[i]!))[0]).toBeCloseTo(batch[i]!, 6),
    );
  }, 60_000);

  it('explains with integrated gradients that sum to the logit difference', () => {
    const m = result.model;
    const pre = m.manifest.preprocessing;
    for (const r of [1, 2, 3, 50]) {
      const row = table.columns.map((c) => c[r]!);
      const e = m.explain(row);
      const sum = e.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(Math.abs(sum - (e.output.logit - e.baseline.logit))).toBeLessThan(1e-3);
      const direct = integratedGradients(
        m.network,
        transformRow(pre, row),
        transformRow(
          pre,
          pre.features.map((f) => f.median),
        ),
      );
      expect(direct.gap).toBeLessThan(1e-3);
      expect(e.output.probability).toBeCloseTo(m.predictProba(row)[0]!, 5);
    }
  });

  it('writes plain-language reasons from the field dictionary', () => {
    const row = table.columns.map((c) => c[1]!);
    row[0] = 0.02; // a very low external score
    const reasons = result.model.explain(row).reasons;
    expect(
      reasons.some((s) =>
        /^External score 2 is low: 0\.02, lower than for \d+% of clients — raises the risk$/.test(s),
      ),
    ).toBe(true);
  });
});

describe('model bundle', () => {
  it('saves and reloads with identical predictions and decisions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bundle-'));
    try {
      const out = join(dir, 'model');
      await saveBundle(out, result.model, { artifacts: result.artifacts });
      const files = await readdir(out);
      expect(files).toEqual(
        expect.arrayContaining([
          'manifest.json',
          'model.json',
          'weights.bin',
          'MLmodel',
          'baselines.json',
          'reports',
        ]),
      );
      expect(await readFile(join(out, 'MLmodel'), 'utf8')).toContain(
        '"name": "EXT_SOURCE_2"'.replace(': ', ':'),
      );
      const loaded = await loadBundle(out);
      const before = result.model.predictColumns(table.columns);
      const after = loaded.predictColumns(table.columns);
      expect(Array.from(after)).toEqual(Array.from(before));
      expect(loaded.decide(after[5]!)).toBe(result.model.decide(before[5]!));
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('names the missing file when the folder is not a bundle', async () => {
    await expect(loadBundle('/nonexistent/bundle')).rejects.toMatchObject({ code: 'E_BUNDLE_READ' });
  });
});
