/** Worker thread of computeDriftParallel: analyses the features it is sent, one message each. */
import { parentPort } from 'node:worker_threads';
import { analyseFeature } from './feature.js';
import type { FeatureTask } from './parallel.js';

parentPort?.on('message', (task: FeatureTask) => {
  try {
    const result = analyseFeature(
      task.name,
      task.reference,
      task.current,
      task.config,
      task.kind,
      task.importance,
    );
    parentPort!.postMessage({ id: task.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: task.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort?.postMessage({ ready: true });
