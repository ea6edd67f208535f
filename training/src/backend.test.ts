import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './backend.js';
import { silentLogger } from './logger.js';

/** Plain Float64 product of a (m x k, or k x m when ta) and b (k x n, or n x k when tb). */
function reference(a: tf.Tensor2D, b: tf.Tensor2D, ta: boolean, tb: boolean): Float64Array {
  const [ar, ac] = a.shape;
  const [br, bc] = b.shape;
  const av = a.dataSync();
  const bv = b.dataSync();
  const m = ta ? ac : ar;
  const k = ta ? ar : ac;
  const n = tb ? br : bc;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += av[ta ? p * ac + i : i * ac + p]! * bv[tb ? j * bc + p : p * bc + j]!;
      out[i * n + j] = s;
    }
  return out;
}

describe('selectBackend', () => {
  it('multiplies transposed operands right on every backend (wasm: explicit transposes, fast path)', async () => {
    const backend = await selectBackend(silentLogger);
    let seed = 3;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
    const matrix = (r: number, c: number) =>
      tf.tensor2d(Float32Array.from({ length: r * c }, random), [r, c]);
    const buffers = () => tf.backend().numDataIds(); // backend-side buffers, temporaries included
    const before = buffers();
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      const a = ta ? matrix(37, 19) : matrix(19, 37);
      const b = tb ? matrix(23, 37) : matrix(37, 23);
      const got = tf.matMul(a, b, ta, tb);
      expect(got.shape).toEqual([19, 23]);
      const want = reference(a, b, ta, tb);
      got.dataSync().forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-5));
      tf.dispose([a, b, got]);
    }
    // Batched (rank 3) with a transposed operand, as the layers' gradients can produce.
    const a3 = tf.tensor3d(Float32Array.from({ length: 2 * 5 * 3 }, random), [2, 5, 3]);
    const b3 = tf.tensor3d(Float32Array.from({ length: 2 * 5 * 4 }, random), [2, 5, 4]);
    const got3 = tf.matMul(a3, b3, true, false);
    const want3 = tf.tidy(() => tf.matMul(tf.transpose(a3, [0, 2, 1]), b3));
    expect(got3.shape).toEqual([2, 3, 4]);
    const g = got3.dataSync();
    want3.dataSync().forEach((v, i) => expect(g[i]).toBeCloseTo(v, 5));
    tf.dispose([a3, b3, got3, want3]);
    expect(buffers()).toBe(before); // the temporary transposes are freed
    expect(['tensorflow', 'wasm', 'cpu']).toContain(backend);
  });
});
