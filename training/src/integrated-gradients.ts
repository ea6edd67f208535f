import * as tf from '@tensorflow/tfjs';

export interface Attribution {
  /** One attribution per model input column, in logit units. */
  values: Float64Array;
  baselineLogit: number;
  logit: number;
  /** |sum(values) - (logit - baselineLogit)|: how far from exact completeness. */
  gap: number;
  steps: number;
}

/**
 * Integrated gradients of the logit from `baseline` to `x` (trapezoid rule along the straight path). The
 * number of steps doubles (32 ... maxSteps) until the attributions sum to f(x) - f(baseline) within
 * `tolerance`: a ReLU network is piecewise linear, so the rule converges as the steps grow.
 */
export function integratedGradients(
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
      result = (() => {
        const alphas = tf.linspace(0, 1, steps + 1).reshape([steps + 1, 1]);
        const start = tf.tensor2d(baseline, [1, width]);
        const delta = tf.tensor2d(x, [1, width]).sub(start);
        const path = start.add(alphas.mul(delta));
        const grads = gradOfSum(path);
        const trapezoid = tf.tensor1d(
          Array.from({ length: steps + 1 }, (_, k) => (k === 0 || k === steps ? 0.5 : 1) / steps),
        );
        const avgGrad = trapezoid.reshape([1, steps + 1]).matMul(grads);
        const values = Float64Array.from(avgGrad.mul(delta).dataSync());
        const ends = (model.predict(tf.concat([start, tf.tensor2d(x, [1, width])])) as tf.Tensor).dataSync();
        const baselineLogit = ends[0]!;
        const logit = ends[1]!;
        const sum = values.reduce((a, b) => a + b, 0);
        return { values, baselineLogit, logit, gap: Math.abs(sum - (logit - baselineLogit)), steps };
      })();
    } finally {
      tf.engine().endScope();
    }
    if (result.gap <= tolerance) break;
  }
  return result!;
}
