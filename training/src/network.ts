import * as tf from '@tensorflow/tfjs';

/**
 * A stack of dense layers ending in ONE linear unit: the model outputs the logit (log-odds of default);
 * the probability is its sigmoid. With no hidden layer it is logistic regression. Dropout is applied by
 * the training loop (seeded), so the saved model is dense layers only.
 */
export function buildNetwork(inputs: number, hiddenLayers: number[], seed: number): tf.Sequential {
  const model = tf.sequential();
  [...hiddenLayers, 1].forEach((units, i) => {
    const last = i === hiddenLayers.length;
    model.add(
      tf.layers.dense({
        units,
        activation: last ? 'linear' : 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        biasInitializer: 'zeros',
        ...(i === 0 ? { inputShape: [inputs] } : {}),
      }),
    );
  });
  return model;
}

/** Logits for a row-major matrix, in large batches (fast on wasm). */
export function predictLogits(model: tf.LayersModel, x: Float32Array, width: number): Float64Array {
  const rows = x.length / width;
  if (rows === 0) return new Float64Array(0);
  const input = tf.tensor2d(x, [rows, width]);
  const out = model.predict(input, { batchSize: 8192 }) as tf.Tensor;
  const logits = Float64Array.from(out.dataSync());
  tf.dispose([input, out]);
  return logits;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function probabilities(logits: Float64Array): Float64Array {
  return logits.map(sigmoid);
}
