import { selectBackend } from './backend.js';
import { classWeights, fitNetwork, weightsFor } from './fit.js';
import { silentLogger } from './logger.js';
import { predictLogits } from './network.js';
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
  it('input dropout, learning-rate decay and class weighting are seeded, reproducible and take effect', async () => {
    const train = matrix(rows.slice(0, 300));
    const val = matrix(rows.slice(300));
    const base = await fitNetwork(train, val, options);
    for (const extra of [
      { inputDropout: 0.2 },
      { lrDecay: 0.5 },
      { classWeight: 'none' as const },
      { classWeight: 'sqrt' as const },
    ]) {
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
  it('calibrateIntercept re-centres the output on the training rows only, leaving the ranking as it is', async () => {
    const train = matrix(rows.slice(0, 300));
    const val = matrix(rows.slice(300));
    const [w0, w1] = classWeights(train.y);
    // Class-weighted mean probability minus class-weighted default rate, on the training rows.
    const offCentre = (z: Float64Array) =>
      z.reduce((s, v, i) => s + (train.y[i] === 1 ? w1 : w0) * (1 / (1 + Math.exp(-v)) - train.y[i]!), 0) /
      train.y.length;
    const plain = await fitNetwork(train, val, { ...options, dropout: 0.5 });
    const centred = await fitNetwork(train, val, { ...options, dropout: 0.5, calibrateIntercept: true });
    const zPlain = predictLogits(plain.model, train.x, train.width);
    const zCentred = predictLogits(centred.model, train.x, train.width);
    expect(Math.abs(offCentre(zPlain))).toBeGreaterThan(1e-3); // dropout leaves the plain network off-centre
    expect(Math.abs(offCentre(zCentred))).toBeLessThan(1e-5);
    // One constant shift of the logit: the same training and the same order of the validation rows.
    expect(centred.history).toEqual(plain.history);
    const shift = zCentred[0]! - zPlain[0]!;
    expect(Math.abs(shift)).toBeGreaterThan(1e-3);
    const vPlain = predictLogits(plain.model, val.x, val.width);
    predictLogits(centred.model, val.x, val.width).forEach((z, i) =>
      expect(z - vPlain[i]!).toBeCloseTo(shift, 4),
    );
    plain.model.dispose();
    centred.model.dispose();
  });
  it('weighting schemes: balanced evens the classes, sqrt goes half-way on a log scale, none weighs 1', () => {
    const y = Float64Array.from({ length: 100 }, (_, i) => (i < 10 ? 1 : 0)); // 10 positives, 90 negatives
    const [b0, b1] = weightsFor('balanced', y);
    expect(b1 * 10).toBeCloseTo(b0 * 90, 10);
    const [s0, s1] = weightsFor('sqrt', y);
    expect(s1 / s0).toBeCloseTo(3, 10); // sqrt(90 / 10)
    expect((s0 * 90 + s1 * 10) / 100).toBeCloseTo(1, 10); // mean row weight 1, as for the other schemes
    expect(weightsFor('none', y)).toEqual([1, 1]);
  });
});
