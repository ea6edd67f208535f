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
    if (await tf.setBackend('wasm')) return announce(logger, 'wasm');
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
