import * as tf from '@tensorflow/tfjs';

/** The smallest normal float32, 2^-126: nonzero values below it in magnitude are subnormal. */
export const FLOAT32_MIN_NORMAL = 2 ** -126;

/**
 * Float32 values in (0, 2^-126) in magnitude. Weights that get no data gradient (a dead ReLU unit, an
 * input that is always 0 in the batch) are pulled toward 0 by the L2 term through Adam, and float32
 * rounding parks them there as subnormals: at full scale, without this flush, a quarter of the weights
 * after 12 epochs and half after 20.
 * CPUs that handle subnormal operands in microcode (wasm has no flush-to-zero mode) then slow every
 * matrix product that reads them.
 */
export function countSubnormals(t: tf.Tensor): number {
  const values = t.dataSync();
  let count = 0;
  for (const v of values) if (v !== 0 && Math.abs(v) < FLOAT32_MIN_NORMAL) count++;
  return count;
}

/** Sets every subnormal value of each variable to 0 (a change below 2^-126 in magnitude, in place). */
export function flushSubnormals(variables: readonly tf.Variable[]): void {
  tf.tidy(() => {
    const limit = tf.scalar(FLOAT32_MIN_NORMAL);
    for (const v of variables) v.assign(tf.where(tf.abs(v).less(limit), tf.zerosLike(v), v));
  });
}

/** A network's weights and its optimizer's state variables (Adam's moments): what training rewrites. */
export async function trainingState(model: tf.LayersModel, optimizer: tf.Optimizer): Promise<tf.Variable[]> {
  const state = await optimizer.getWeights();
  const variables: tf.Variable[] = model.weights.map((w) => w.read() as tf.Variable);
  for (const { tensor } of state) {
    if (tensor instanceof tf.Variable) variables.push(tensor);
    else tensor.dispose(); // the iteration count, a fresh scalar
  }
  return variables;
}
