/**
 * bench/training-full.ts, counting subnormal float32 values as it trains: every N Adam steps (default
 * 1,200, about one epoch at full scale), right after the step, the subnormal weights and first and second
 * moments of the network being trained (docs/training.md, "Subnormal floats, flushed"). Training flushes
 * them every 64 steps (training/src/subnormals.ts), so a count shows what built up since the last flush;
 * the figures without the flush were taken with this file on a checkout of 7cc4bf5, before the flush.
 *
 *   node --max-old-space-size=8192 --import tsx bench/subnormal-count.ts FEATURES_DIR [training-full options]
 *   SUBNORMAL_COUNT_EVERY=N sets the steps between counts; SUBNORMAL_FLUSH_EVERY_STEP=1 also flushes
 *   after every step, which prices one flush (training flushes every 64th).
 */
import * as tf from '@tensorflow/tfjs';
import { countSubnormals, flushSubnormals } from '../training/src/subnormals.js';

const every = Number(process.env.SUBNORMAL_COUNT_EVERY ?? 1200);
const flushEveryStep = process.env.SUBNORMAL_FLUSH_EVERY_STEP === '1';
if (!Number.isInteger(every) || every < 1) {
  console.error(
    `SUBNORMAL_COUNT_EVERY must be a whole number >= 1, got ${process.env.SUBNORMAL_COUNT_EVERY}`,
  );
  process.exit(64);
}

/** Adam's moment variables (tfjs keeps them in these protected fields). */
interface AdamState {
  accumulatedFirstMoment: { variable: tf.Variable }[];
  accumulatedSecondMoment: { variable: tf.Variable }[];
}

const adam = tf.train.adam;
// fitNetwork builds its optimizer with tf.train.adam: each network gets a counting one.
tf.train.adam = (...args: Parameters<typeof adam>) => {
  const optimizer = adam(...args);
  const applyGradients = optimizer.applyGradients.bind(optimizer);
  let step = 0;
  optimizer.applyGradients = (gradients) => {
    applyGradients(gradients);
    const names = Array.isArray(gradients) ? gradients.map((g) => g.name) : Object.keys(gradients);
    const weights = names.map((name) => tf.engine().registeredVariables[name]!);
    const state = optimizer as unknown as AdamState;
    const moments = [...state.accumulatedFirstMoment, ...state.accumulatedSecondMoment].map(
      (m) => m.variable,
    );
    if (flushEveryStep) flushSubnormals([...weights, ...moments]);
    if (++step % every !== 0) return;
    const count = (variables: tf.Variable[]) => variables.reduce((n, v) => n + countSubnormals(v), 0);
    const size = weights.reduce((n, v) => n + v.size, 0);
    console.log(
      `  step ${step}: subnormal weights ${count(weights)} of ${size}, first moments ${count(state.accumulatedFirstMoment.map((m) => m.variable))}, second moments ${count(state.accumulatedSecondMoment.map((m) => m.variable))}`,
    );
  };
  return optimizer;
};

await import('./training-full.js');
