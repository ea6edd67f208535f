import * as tf from '@tensorflow/tfjs';
import {
  denseReluStack,
  exactIntegratedGradients,
  firstLayerAt,
  type DenseLayer,
} from './explain/dense-relu.js';

export interface Attribution {
  /** One attribution per model input column, in logit units. */
  values: Float64Array;
  baselineLogit: number;
  logit: number;
  /** |sum(values) - (logit - baselineLogit)|: how far from exact completeness. */
  gap: number;
  /** Segments of constant gradient (exact rule) or trapezoid steps (tfjs fallback). */
  steps: number;
  method: 'exact-piecewise-linear' | 'trapezoid';
}

export type Attributor = (x: Float32Array, baseline: Float32Array) => Attribution;

/**
 * An integrated-gradients function for one (trained, no longer changing) model. A dense ReLU stack with
 * a linear output (what network.ts builds) is attributed exactly in plain arrays, its weights read once
 * here; any other model, or an exact result whose completeness gap exceeds `tolerance` (it should not:
 * only rounding is left), goes through the tfjs trapezoid rule with doubling steps.
 */
export function createAttributor(model: tf.LayersModel, tolerance = 5e-4, maxSteps = 1024): Attributor {
  const stack = denseReluStack(model);
  // The baseline is usually the same client every call: its first-layer values are kept.
  let kept: { baseline: Float32Array; copy: Float32Array; z1: Float64Array } | undefined;
  const baselineZ1 = (baseline: Float32Array, layers: DenseLayer[]) => {
    const same = kept?.baseline === baseline && kept.copy.every((v, i) => v === baseline[i]);
    if (!same) kept = { baseline, copy: baseline.slice(), z1: firstLayerAt(layers, baseline) };
    return kept!.z1;
  };
  return (x, baseline) => {
    if (stack) {
      const exact = exactIntegratedGradients(stack, x, baseline, baselineZ1(baseline, stack));
      const gap = completenessGap(exact.values, exact.logit - exact.baselineLogit);
      if (gap <= tolerance) return { ...exact, gap, steps: exact.segments, method: 'exact-piecewise-linear' };
    }
    return trapezoidIntegratedGradients(model, x, baseline, tolerance, maxSteps);
  };
}

/** Integrated gradients of the logit from `baseline` to `x` (see createAttributor; reads the weights each call). */
export function integratedGradients(
  model: tf.LayersModel,
  x: Float32Array,
  baseline: Float32Array,
  tolerance = 5e-4,
  maxSteps = 1024,
): Attribution {
  return createAttributor(model, tolerance, maxSteps)(x, baseline);
}

function completenessGap(values: Float64Array, difference: number): number {
  let sum = 0;
  for (const v of values) sum += v;
  return Math.abs(sum - difference);
}

/**
 * The general rule, for any differentiable model: all interpolation points go through the network in
 * one batched forward/backward, trapezoid weights; the steps double (32 ... maxSteps) until the
 * attributions sum to f(x) - f(baseline) within `tolerance`.
 */
export function trapezoidIntegratedGradients(
  model: tf.LayersModel,
  x: Float32Array,
  baseline: Float32Array,
  tolerance = 5e-4,
  maxSteps = 1024,
): Attribution {
  const width = x.length;
  const gradOfSum = tf.grad((input: tf.Tensor) => (model.apply(input) as tf.Tensor).sum());
  let result: Attribution | undefined;
  for (let steps = 32; steps <= maxSteps; steps *= 2) {
    tf.engine().startScope(); // frees every tensor of this attempt
    try {
      const alphas = tf.linspace(0, 1, steps + 1).reshape([steps + 1, 1]);
      const start = tf.tensor2d(baseline, [1, width]);
      const end = tf.tensor2d(x, [1, width]);
      const delta = end.sub(start);
      const grads = gradOfSum(start.add(alphas.mul(delta)));
      const trapezoid = tf.tensor1d(
        Array.from({ length: steps + 1 }, (_, k) => (k === 0 || k === steps ? 0.5 : 1) / steps),
      );
      const avgGrad = trapezoid.reshape([1, steps + 1]).matMul(grads);
      const values = Float64Array.from(avgGrad.mul(delta).dataSync());
      const ends = (model.predict(tf.concat([start, end])) as tf.Tensor).dataSync();
      const baselineLogit = ends[0]!;
      const logit = ends[1]!;
      const gap = completenessGap(values, logit - baselineLogit);
      result = { values, baselineLogit, logit, gap, steps, method: 'trapezoid' };
    } finally {
      tf.engine().endScope();
    }
    if (result.gap <= tolerance) break;
  }
  return result!;
}
