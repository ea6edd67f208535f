import * as tf from '@tensorflow/tfjs';
import { denseReluStack, exactIntegratedGradients } from './explain/dense-relu.js';
import { buildNetwork, mergeNetworks, predictLogits } from './network.js';
import { createRandom } from './random.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A network with random non-zero biases too (so the merge of biases is tested). */
function randomNetwork(inputs: number, hidden: number[], seed: number): tf.Sequential {
  const model = buildNetwork(inputs, hidden, seed);
  const random = createRandom(seed);
  model.setWeights(
    model.getWeights().map((w) =>
      tf.tensor(
        Float32Array.from(w.dataSync(), () => (random() - 0.5) * 1.5),
        w.shape,
      ),
    ),
  );
  return model;
}

describe('mergeNetworks', () => {
  it.each([[[16, 8]], [[12]], [[]]])(
    'gives one dense ReLU network whose logit is the mean of the members (hidden %j)',
    (hidden) => {
      const inputs = 10;
      const members = [1, 2, 3].map((s) => randomNetwork(inputs, hidden, s));
      const merged = mergeNetworks(members);
      expect(merged.layers.map((l) => l.getWeights()[1]!.shape[0] as number)).toEqual([
        ...hidden.map((h) => h * 3),
        1,
      ]);
      const random = createRandom(9);
      const x = Float32Array.from({ length: 50 * inputs }, () => (random() - 0.5) * 4);
      const mean = new Float64Array(50);
      for (const m of members) predictLogits(m, x, inputs).forEach((z, i) => (mean[i]! += z / 3));
      const got = predictLogits(merged, x, inputs);
      mean.forEach((z, i) => expect(Math.abs(got[i]! - z)).toBeLessThan(1e-4));
      // Still the contract of exact integrated gradients: complete on the merged network.
      const layers = denseReluStack(merged)!;
      expect(layers).toBeDefined();
      const row = x.subarray(0, inputs);
      const base = new Float32Array(inputs);
      const a = exactIntegratedGradients(layers, row, base);
      const sum = Array.from(a.values).reduce((s, v) => s + v, 0);
      const [zx, zb] = [predictLogits(merged, row, inputs)[0]!, predictLogits(merged, base, inputs)[0]!];
      expect(Math.abs(sum - (zx - zb))).toBeLessThan(1e-3);
      [...members, merged].forEach((m) => m.dispose());
    },
  );
  it('returns a single network unchanged and refuses different shapes', () => {
    const one = randomNetwork(4, [3], 1);
    expect(mergeNetworks([one])).toBe(one);
    const other = randomNetwork(4, [5], 2);
    expect(() => mergeNetworks([one, other])).toThrow(/same layers/);
    [one, other].forEach((m) => m.dispose());
  });
});
