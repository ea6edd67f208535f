/**
 * Does this CPU pay for subnormal float32 operands in the tfjs backend training uses? Times the first
 * layer's products of a training step (256 x 431 batch by a 431 x 64 kernel, and the 256 x 64 gradient by
 * the kernel transposed) with 0%, 10%, 30% and 60% of the kernel subnormal (1e-40), median of 7 rounds of
 * 300 products each, the shares interleaved. Prints the CPU model: the answer differs between CPUs (docs/training.md, "Subnormal
 * floats, flushed").
 *
 *   npx tsx bench/subnormal-matmul.ts
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend, silentLogger } from '@credit/training';
import { cpus } from 'node:os';

const ROWS = 256;
const INPUTS = 431;
const UNITS = 64;
const ROUNDS = 7;
const PRODUCTS = 300;

const backend = await selectBackend(silentLogger);
console.log(`backend ${backend}; CPU ${cpus()[0]?.model ?? 'unknown'} x ${cpus().length}`);

/** A kernel with `share` of its values subnormal, the rest uniform in [-0.05, 0.05]. */
function kernelWith(share: number): tf.Tensor2D {
  const values = new Float32Array(INPUTS * UNITS);
  for (let i = 0; i < values.length; i++)
    values[i] = Math.random() < share ? 1e-40 : (Math.random() - 0.5) * 0.1;
  return tf.tensor2d(values, [INPUTS, UNITS]);
}

const SHARES = [0, 0.1, 0.3, 0.6];
const x = tf.randomUniform([ROWS, INPUTS]);
const gradient = tf.randomNormal([ROWS, UNITS]);
const kernels = SHARES.map(kernelWith);
const products = kernels.map((kernel) => ({
  forward: () => tf.matMul(x, kernel),
  backward: () => tf.matMul(gradient, kernel, false, true),
}));

/** Milliseconds per product over one round of PRODUCTS. */
function round(product: () => tf.Tensor): number {
  const start = performance.now();
  for (let i = 0; i < PRODUCTS; i++) tf.tidy(() => void product().dataSync());
  return (performance.now() - start) / PRODUCTS;
}

// Rounds interleave the shares, each round in another order, so that drift of the machine's speed
// (warm-up, other load) falls on every share alike.
for (const p of products) for (let i = 0; i < 20; i++) tf.tidy(() => void p.forward().dataSync());
const times = SHARES.map(() => ({ forward: [] as number[], backward: [] as number[] }));
for (let r = 0; r < ROUNDS; r++)
  for (let k = 0; k < SHARES.length; k++) {
    const i = (k + r) % SHARES.length;
    times[i]!.forward.push(round(products[i]!.forward));
    times[i]!.backward.push(round(products[i]!.backward));
  }
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const [forward0, backward0] = [median(times[0]!.forward), median(times[0]!.backward)];
SHARES.forEach((share, i) => {
  const forward = median(times[i]!.forward);
  const backward = median(times[i]!.backward);
  console.log(
    `${String(share * 100).padStart(2)}% subnormal: x.W ${forward.toFixed(3)} ms (${(forward / forward0).toFixed(2)} x), g.Wt ${backward.toFixed(3)} ms (${(backward / backward0).toFixed(2)} x)`,
  );
});
