import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Logger } from './logger.js';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
let chosen: Promise<BackendName> | undefined;

/**
 * Picks the fastest backend that loads: tfjs-node (optional, native), else wasm (its .wasm files from
 * node_modules), else the pure-JS cpu backend. Chosen once per process; logged.
 */
export function selectBackend(logger: Logger): Promise<BackendName> {
  chosen ??= choose(logger);
  return chosen;
}

async function choose(logger: Logger): Promise<BackendName> {
  const nodeBinding = '@tensorflow/tfjs-node'; // optional dependency: absent on machines without internet
  try {
    await import(nodeBinding);
    if (await tf.setBackend('tensorflow')) return announce(logger, 'tensorflow');
  } catch {
    logger.debug('tfjs-node not available, trying wasm');
  }
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(
      join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/',
    );
    if (await tf.setBackend('wasm')) {
      useExplicitTransposes();
      return announce(logger, 'wasm');
    }
  } catch (error) {
    logger.warn('wasm backend failed to load, using the slower cpu backend', { error: String(error) });
  }
  await tf.setBackend('cpu');
  return announce(logger, 'cpu');
}

function announce(logger: Logger, name: BackendName): BackendName {
  logger.info('tfjs backend', { backend: name });
  return name;
}

/**
 * The wasm BatchMatMul is fast (XNNPACK) only without transposed operands: with transposeA or transposeB it
 * falls back to a plain loop, 15-25 x slower. Training hits that path in every step (the gradient of
 * x·W is xᵀ·dy for the kernel and dy·Wᵀ for the input), e.g. 225 ms instead of 12 ms for the
 * 1,556 x 256 kernel gradient of a 256-row batch. This wraps the wasm kernel: a transposed operand is
 * first transposed explicitly (wasm Transpose kernel), then the fast path multiplies. Same products,
 * summed in another order (float32 rounding differs in the last bits).
 */
function useExplicitTransposes(): void {
  const original = tf.getKernel(tf.BatchMatMul, 'wasm');
  const transpose = tf.getKernel(tf.Transpose, 'wasm');
  if (!original || !transpose || (original as { explicitTransposes?: boolean }).explicitTransposes) return;
  type Info = tf.TensorInfo;
  const swapLast = (backend: unknown, x: Info): Info => {
    const perm = x.shape.map((_, i) => i);
    perm[perm.length - 2] = perm.length - 1;
    perm[perm.length - 1] = perm.length - 2;
    return transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } } as never) as Info;
  };
  const kernelFunc: tf.KernelFunc = ({ inputs, backend, attrs }) => {
    const { a, b } = inputs as { a: Info; b: Info };
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return original.kernelFunc({ inputs, backend, attrs });
    const a2 = transposeA ? swapLast(backend, a) : a;
    const b2 = transposeB ? swapLast(backend, b) : b;
    const out = original.kernelFunc({
      inputs: { a: a2, b: b2 },
      backend,
      attrs: { ...attrs, transposeA: false, transposeB: false },
    });
    const dispose = (t: Info) => (backend as tf.KernelBackend).disposeData(t.dataId);
    if (transposeA) dispose(a2);
    if (transposeB) dispose(b2);
    return out;
  };
  tf.unregisterKernel(tf.BatchMatMul, 'wasm');
  tf.registerKernel({ ...original, kernelFunc, explicitTransposes: true } as tf.KernelConfig);
}
