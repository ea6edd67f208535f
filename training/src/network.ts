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

const PREDICT_ROWS = 8192;

/**
 * Logits for a row-major matrix, in blocks of 8,192 rows (fast on wasm; model.predict's own default batch
 * of 32 rows is 25 x slower). Each block is its own tensor: one tensor of a whole full-scale training matrix
 * (307k x 844 inputs, 1 GB) cost 40 s and 2 GB more memory.
 */
export function predictLogits(model: tf.LayersModel, x: Float32Array, width: number): Float64Array {
  const rows = x.length / width;
  const logits = new Float64Array(rows);
  for (let start = 0; start < rows; start += PREDICT_ROWS) {
    const end = Math.min(rows, start + PREDICT_ROWS);
    const out = tf.tidy(
      () =>
        model.predict(tf.tensor2d(x.subarray(start * width, end * width), [end - start, width]), {
          batchSize: PREDICT_ROWS,
        }) as tf.Tensor,
    );
    logits.set(out.dataSync(), start);
    out.dispose();
  }
  return logits;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function probabilities(logits: Float64Array): Float64Array {
  return logits.map(sigmoid);
}

/**
 * Several networks of the same shape as ONE dense ReLU network whose logit is the mean of theirs (an
 * ensemble that scoring, serving and the exact explanations read like any other network): the first
 * layers side by side, the later hidden layers block-diagonal, the output layer's weights divided by the
 * count. Exact up to float32 rounding of the divided output weights.
 */
export function mergeNetworks(models: tf.Sequential[]): tf.Sequential {
  if (models.length === 1) return models[0]!;
  const n = models.length;
  const parts = models.map((m) =>
    m.layers.map((l) => l.getWeights().map((w) => w.arraySync() as number[][] | number[])),
  );
  const inputs = (parts[0]![0]![0] as number[][]).length;
  const widths = parts[0]!.map((layer) => (layer[1] as number[]).length);
  for (const p of parts)
    if (p.length !== widths.length || p.some((layer, i) => (layer[1] as number[]).length !== widths[i]))
      throw new Error('mergeNetworks: the networks must have the same layers');
  const hidden = widths.slice(0, -1);
  const merged = buildNetwork(
    inputs,
    hidden.map((h) => h * n),
    0,
  );
  const weights: tf.Tensor[] = [];
  widths.forEach((units, i) => {
    const last = i === widths.length - 1;
    const fanIn = i === 0 ? inputs : widths[i - 1]! * n;
    const kernel = new Float32Array(fanIn * (last ? 1 : units * n));
    const cols = last ? 1 : units * n;
    const bias = new Float32Array(cols);
    parts.forEach((p, m) => {
      const k = p[i]![0] as number[][];
      const b = p[i]![1] as number[];
      const rowOffset = i === 0 ? 0 : m * k.length; // block-diagonal after the first layer
      const colOffset = last ? 0 : m * units;
      k.forEach((row, r) =>
        row.forEach((v, c) => {
          const at = (rowOffset + r) * cols + colOffset + c;
          kernel[at] = last ? kernel[at]! + v / n : v; // no hidden layer: the kernels overlap and add up
        }),
      );
      b.forEach((v, c) => (bias[colOffset + c] = last ? bias[colOffset + c]! + v / n : v));
    });
    weights.push(tf.tensor2d(kernel, [fanIn, cols]), tf.tensor1d(bias));
  });
  merged.setWeights(weights);
  tf.dispose(weights);
  return merged;
}
