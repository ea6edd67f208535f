import { selectBackend } from './backend.js';
import { fitNetwork } from './fit.js';
import { silentLogger } from './logger.js';
import { fitPreprocessor, transformColumns } from './preprocess.js';
import { syntheticTable } from './synthetic.test-util.js';

const table = syntheticTable(400);
const rows = Array.from({ length: 400 }, (_, i) => i);
const pre = fitPreprocessor(table.names, table.columns, rows, 0.01);
const matrix = (r: number[]) => ({
  x: transformColumns(pre, table.columns, r),
  y: Float64Array.from(r, (i) => table.target[i]!),
  width: pre.outputs.length,
});
const options = {
  hiddenLayers: [8],
  dropout: 0.2,
  l2: 1e-4,
  learningRate: 0.03,
  batchSize: 64,
  epochs: 3,
  patience: 2,
  seed: 7,
};

beforeAll(async () => {
  await selectBackend(silentLogger);
});

describe('fitNetwork', () => {
  it('learns a signal and gives the same result for the same seed and data', async () => {
    const train = matrix(rows.slice(0, 300));
    const val = matrix(rows.slice(300));
    const a = await fitNetwork(train, val, options);
    const b = await fitNetwork(train, val, options);
    expect(a.history).toEqual(b.history);
    expect(a.bestValAuc).toBeGreaterThan(0.6);
    const c = await fitNetwork(train, val, { ...options, seed: 8 });
    expect(c.history).not.toEqual(a.history);
  });
  it('input dropout, learning-rate decay and unweighted loss are seeded, reproducible and take effect', async () => {
    const train = matrix(rows.slice(0, 300));
    const val = matrix(rows.slice(300));
    const base = await fitNetwork(train, val, options);
    for (const extra of [{ inputDropout: 0.2 }, { lrDecay: 0.5 }, { classWeight: 'none' as const }]) {
      const a = await fitNetwork(train, val, { ...options, ...extra });
      const b = await fitNetwork(train, val, { ...options, ...extra });
      expect(a.history).toEqual(b.history);
      expect(a.history).not.toEqual(base.history);
      expect(a.bestValAuc).toBeGreaterThan(0.6);
      a.model.dispose();
      b.model.dispose();
    }
    base.model.dispose();
  });
});
