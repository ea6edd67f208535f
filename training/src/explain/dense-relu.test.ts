import * as tf from '@tensorflow/tfjs';
import { createAttributor, trapezoidIntegratedGradients } from '../integrated-gradients.js';
import { buildNetwork } from '../network.js';
import { createRandom } from '../random.js';
import {
  denseReluStack,
  exactIntegratedGradients,
  firstLayerAt,
  layeredIntegratedGradients,
  logitFromFirstLayer,
} from './dense-relu.js';

const randomVector = (n: number, seed: number, scale = 2) => {
  const random = createRandom(seed);
  return Float32Array.from({ length: n }, () => (random() - 0.5) * scale);
};

/** The logit by tfjs itself, independent of the plain-array forward pass. */
const tfLogit = (model: tf.LayersModel, v: Float32Array) =>
  tf.tidy(() => model.predict(tf.tensor2d(v, [1, v.length])) as tf.Tensor).dataSync()[0]!;

/**
 * Reference integrated gradients by brute force: tfjs gradients at many midpoints of the path, averaged.
 * Independent of the segment search, so it catches a wrong breakpoint or a wrong backward pass.
 */
function bruteForce(model: tf.LayersModel, x: Float32Array, baseline: Float32Array, points: number) {
  const attributions = tf.tidy(() => {
    const width = x.length;
    const start = tf.tensor2d(baseline, [1, width]);
    const delta = tf.tensor2d(x, [1, width]).sub(start);
    const alphas = tf.range(0, points).add(0.5).div(points).reshape([points, 1]);
    const grads = tf.grad((input: tf.Tensor) => (model.apply(input) as tf.Tensor).sum())(
      start.add(alphas.mul(delta)),
    );
    return grads.mean(0, true).mul(delta);
  });
  const values = Float64Array.from(attributions.dataSync());
  attributions.dispose();
  return values;
}

describe('exact integrated gradients of a dense ReLU network', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['one hidden layer', [32]],
    ['two hidden layers', [32, 16]],
    ['three hidden layers', [24, 12, 8]],
  ])('%s: matches brute force and sums to the logit difference', (_, hidden) => {
    const width = 20;
    const model = buildNetwork(width, hidden as number[], 7);
    const stack = denseReluStack(model)!;
    expect(stack).toBeDefined();
    for (const seed of [1, 2, 3]) {
      const x = randomVector(width, seed);
      const baseline = randomVector(width, seed + 100);
      const exact = exactIntegratedGradients(stack, x, baseline);
      expect(exact.logit).toBeCloseTo(tfLogit(model, x), 4);
      expect(exact.baselineLogit).toBeCloseTo(tfLogit(model, baseline), 4);
      const sum = exact.values.reduce((s, v) => s + v, 0);
      expect(Math.abs(sum - (exact.logit - exact.baselineLogit))).toBeLessThan(1e-9);
      expect(exact.segments).toBeGreaterThan(1); // the path really crosses ReLU kinks
      // The one-pass sweep (one or two hidden layers) and the layer-by-layer search agree.
      const layered = layeredIntegratedGradients(stack, x, baseline);
      expect(layered.segments).toBe(exact.segments);
      layered.values.forEach((v, i) => expect(exact.values[i]).toBeCloseTo(v, 9));
      const kept = exactIntegratedGradients(stack, x, baseline, firstLayerAt(stack, baseline));
      expect(Array.from(kept.values)).toEqual(Array.from(exact.values));
      // Given the row's own first layer (as scoring it computed), the same attribution up to rounding.
      const z1 = firstLayerAt(stack, x);
      const shared = exactIntegratedGradients(stack, x, baseline, firstLayerAt(stack, baseline), z1);
      expect(shared.segments).toBe(exact.segments);
      shared.values.forEach((v, i) => expect(v).toBeCloseTo(exact.values[i]!, 9));
      // The plain forward pass equals tfjs (float32 inside tfjs, float64 here).
      expect(Math.abs(logitFromFirstLayer(stack, z1) - tfLogit(model, x))).toBeLessThan(1e-5);
      const reference = bruteForce(model, x, baseline, 4000);
      const scale = Math.max(...reference.map(Math.abs));
      exact.values.forEach((v, i) => expect(Math.abs(v - reference[i]!)).toBeLessThan(5e-3 * scale));
    }
    model.dispose();
  });

  it('is weight times difference for logistic regression (no hidden layer)', () => {
    const model = buildNetwork(6, [], 3);
    const kernel = model.layers[0]!.getWeights()[0]!.dataSync();
    const x = randomVector(6, 5);
    const baseline = randomVector(6, 6);
    const ig = createAttributor(model)(x, baseline);
    expect(ig.method).toBe('exact-piecewise-linear');
    ig.values.forEach((v, i) => expect(v).toBeCloseTo(kernel[i]! * (x[i]! - baseline[i]!), 6));
    model.dispose();
  });

  it('falls back to the batched tfjs trapezoid rule for other activations, still complete within 1e-3', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ units: 8, activation: 'tanh', inputShape: [5] }),
        tf.layers.dense({ units: 1 }),
      ],
    });
    expect(denseReluStack(model)).toBeUndefined();
    const ig = createAttributor(model, 1e-4)(randomVector(5, 8), randomVector(5, 9));
    expect(ig.method).toBe('trapezoid');
    expect(ig.gap).toBeLessThan(1e-3);
    const direct = trapezoidIntegratedGradients(model, randomVector(5, 8), randomVector(5, 9), 1e-4);
    expect(Array.from(direct.values)).toEqual(Array.from(ig.values));
    model.dispose();
  });
});
