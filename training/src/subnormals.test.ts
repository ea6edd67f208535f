import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './backend.js';
import { fitNetwork } from './fit.js';
import { silentLogger } from './logger.js';
import { countSubnormals, FLOAT32_MIN_NORMAL, flushSubnormals } from './subnormals.js';

beforeAll(async () => {
  await selectBackend(silentLogger);
});

describe('subnormal float32 values', () => {
  it('are counted and flushed to 0, leaving normal values and 0 as they are', () => {
    const v = tf.variable(tf.tensor1d([1e-40, -1e-39, FLOAT32_MIN_NORMAL, 0, 1, -3e-45, -2.5e-7]));
    expect(countSubnormals(v)).toBe(3);
    flushSubnormals([v]);
    expect(Array.from(v.dataSync())).toEqual([0, 0, FLOAT32_MIN_NORMAL, 0, 1, 0, Math.fround(-2.5e-7)]);
    expect(countSubnormals(v)).toBe(0);
    v.dispose();
  });

  it('do not stay in a trained network whose dead weights L2 pulls toward 0', async () => {
    // Input 2 is always 0: its kernel row gets only the L2 gradient, which Adam shrinks into subnormals
    // within a thousand steps or so when nothing flushes them (this test fails with the flush turned off).
    const rows = 512;
    const x = new Float32Array(rows * 3);
    const y = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const a = Math.sin(r * 12.9898) * 0.5 + 0.5;
      const b = Math.cos(r * 78.233) * 0.5 + 0.5;
      x.set([a, b, 0], r * 3);
      y[r] = a + 0.3 * b > 0.8 ? 1 : 0;
    }
    const options = {
      hiddenLayers: [8],
      dropout: 0,
      l2: 1e-5,
      learningRate: 3e-3,
      batchSize: 8,
      epochs: 30, // 1,920 steps; without the flush, 3 weights of the dead row end subnormal
      patience: 30,
      seed: 3,
    };
    const { model } = await fitNetwork({ x, y, width: 3 }, undefined, options);
    const kernel = model.layers[0]!.getWeights()[0]!;
    const deadRow = kernel.slice([2, 0], [1, 8]);
    expect(Array.from(deadRow.dataSync()).every((w) => Math.abs(w) < 1e-6)).toBe(true); // it did decay
    expect(model.weights.reduce((n, w) => n + countSubnormals(w.read()), 0)).toBe(0);
    deadRow.dispose();
    model.dispose();
  });
});
