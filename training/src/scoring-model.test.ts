import * as tf from '@tensorflow/tfjs';
import { manifestFor } from './manifest.test-util.js';
import { buildNetwork, predictLogits, sigmoid } from './network.js';
import { fitPreprocessor, transformRow } from './preprocess.js';
import { createRandom } from './random.js';
import { createScoringModel } from './scoring-model.js';
import { withTargetBins } from './target-bins.js';

/** 600 clients with 12 numeric features (some missing) and a label that depends on three of them. */
function dataset(rows: number, features: number) {
  const random = createRandom(11);
  const names = Array.from({ length: features }, (_, j) => `F${j}`);
  const columns = names.map(() => new Float64Array(rows));
  const labels = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < features; j++)
      columns[j]![r] = random() < 0.1 ? NaN : (random() - 0.3) * 100 * (j + 1);
    const score = (columns[0]![r] || 0) / 100 - (columns[3]![r] || 0) / 400 + random();
    labels[r] = score > 0.4 ? 1 : 0;
  }
  return { names, columns, labels };
}

describe('ScoringModel single-row predict (plain Float64 forward pass)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    [0, 'equal'],
    [8, 'equal'],
    [8, 'target'],
  ])(
    'equals tfjs predict within 1e-6 on a trained model, and explain agrees with it (piecewiseBins %i, %s edges)',
    async (bins, edges) => {
      const { names, columns, labels } = dataset(600, 12);
      const all = Array.from({ length: 600 }, (_, i) => i);
      const equal = fitPreprocessor(names, columns, all, 0.01, bins);
      const pre = edges === 'target' ? withTargetBins(equal, columns, all, labels, bins) : equal;
      if (edges === 'target') expect(pre.features.some((f) => f.edges && f.edges.length > 2)).toBe(true);
      const width = pre.outputs.length;
      const x = new Float32Array(600 * width);
      all.forEach((r) =>
        transformRow(
          pre,
          columns.map((c) => c[r]!),
          x.subarray(r * width, (r + 1) * width),
        ),
      );
      const network = buildNetwork(width, [32, 16], 3);
      network.compile({ optimizer: tf.train.adam(0.01), loss: tf.losses.sigmoidCrossEntropy });
      const xs = tf.tensor2d(x, [600, width]);
      const ys = tf.tensor2d(labels, [600, 1]);
      await network.fit(xs, ys, { epochs: 20, batchSize: 64, verbose: 0 });
      tf.dispose([xs, ys]);
      // Really trained: the biases moved away from their zero initialisation.
      expect(Math.max(...network.layers[0]!.getWeights()[1]!.dataSync().map(Math.abs))).toBeGreaterThan(1e-3);

      const model = createScoringModel(manifestFor(names, pre), network);
      const byTfjs = predictLogits(network, x, width); // tfjs, all rows in one batch
      let largest = 0;
      for (const r of all) {
        const row = columns.map((c) => c[r]!);
        const p = model.predictProba(row)[0]!;
        largest = Math.max(largest, Math.abs(p - sigmoid(byTfjs[r]!)));
        if (r % 100 === 0) {
          // The explanation reuses the row's first layer: same output, still complete.
          const e = model.explain(row);
          expect(Math.abs(e.output.probability - p)).toBeLessThan(1e-12);
          const sum = e.contributions.reduce((s, c) => s + c.contribution, 0);
          expect(Math.abs(sum - (e.output.logit - e.baseline.logit))).toBeLessThan(1e-6);
        }
      }
      expect(largest).toBeLessThan(1e-6);
      // Several rows at once still go through tfjs, and agree.
      const many = model.predictProba(all.slice(0, 50).map((r) => columns.map((c) => c[r]!)));
      many.forEach((p, r) => expect(Math.abs(p - sigmoid(byTfjs[r]!))).toBeLessThan(1e-6));
      network.dispose();
    },
    60_000,
  );
});
