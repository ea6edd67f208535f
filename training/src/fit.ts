import * as tf from '@tensorflow/tfjs';
import { rocAuc } from './metrics.js';
import { buildNetwork, mergeNetworks, predictLogits, sigmoid } from './network.js';
import { createRandom, shuffleInPlace } from './random.js';
import { flushSubnormals, trainingState } from './subnormals.js';

/**
 * Steps between two flushes of subnormal weights and Adam moments to 0 (subnormals.ts says why); every
 * epoch also ends with one, so the kept weights have none. At full scale the first subnormals appear
 * after some hundreds of steps, and a flush costs about a quarter of a step.
 */
const FLUSH_EVERY_STEPS = 64;

export interface FitOptions {
  hiddenLayers: number[];
  dropout: number;
  l2: number;
  learningRate: number;
  batchSize: number;
  epochs: number;
  patience: number;
  seed: number;
  /** Share of model inputs zeroed per row in training (seeded masks, inverted scaling); 0 = off. */
  inputDropout?: number;
  /** Learning rate multiplied by this after every epoch (1 = constant). */
  lrDecay?: number;
  /**
   * After training, shift the output bias so that on the TRAINING rows the class-weighted mean predicted
   * probability equals the class-weighted default rate (calibration in the large, no validation data).
   */
  calibrateIntercept?: boolean;
  /**
   * 'balanced': both classes weigh the same in the loss (n / 2 n_class); 'sqrt': the minority class weighs
   * the square root of the balanced ratio more; 'none': every row weighs 1.
   */
  classWeight?: ClassWeighting;
}

export type ClassWeighting = 'balanced' | 'sqrt' | 'none';

export interface Matrix {
  x: Float32Array;
  y: Float64Array;
  width: number;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  valAuc: number;
}

export interface FitResult {
  model: tf.Sequential;
  bestEpoch: number;
  bestValAuc: number;
  history: EpochReport[];
}

/** Class weights so that both classes weigh the same in the loss: n / (2 n_class). */
export function classWeights(y: Float64Array): [number, number] {
  const positives = countPositives(y);
  const negatives = y.length - positives;
  return [y.length / (2 * Math.max(1, negatives)), y.length / (2 * Math.max(1, positives))];
}

function countPositives(y: Float64Array): number {
  let positives = 0;
  for (const v of y) if (v === 1) positives++;
  return positives;
}

/** The loss weights [negative, positive] of a weighting scheme, each mean-one over the rows. */
export function weightsFor(scheme: ClassWeighting, y: Float64Array): [number, number] {
  if (scheme === 'none') return [1, 1];
  const [w0, w1] = classWeights(y);
  if (scheme === 'balanced') return [w0, w1];
  // sqrt: positives weigh sqrt(n0 / n1) times a negative; rescaled so the mean row weight is 1.
  const ratio = Math.sqrt(w1 / w0);
  const positives = countPositives(y);
  const mean = (y.length - positives + positives * ratio) / Math.max(1, y.length);
  return [1 / mean, ratio / mean];
}

/**
 * Mini-batch Adam on the class-weighted logistic loss + L2 on kernels, seeded shuffling and dropout masks.
 * After each epoch the validation AUC is measured; training stops after `patience` epochs without
 * improvement and the best epoch's weights are restored. Without validation data it runs every epoch.
 */
export async function fitNetwork(
  train: Matrix,
  validation: Matrix | undefined,
  options: FitOptions,
  onEpoch: (report: EpochReport) => void = () => {},
): Promise<FitResult> {
  const model = buildNetwork(train.width, options.hiddenLayers, options.seed);
  const optimizer = tf.train.adam(options.learningRate);
  const random = createRandom(options.seed ^ 0x5eed);
  const [w0, w1] = weightsFor(options.classWeight ?? 'balanced', train.y);
  const decay = options.lrDecay ?? 1;
  const rows = train.y.length;
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const history: EpochReport[] = [];
  let best = { epoch: 0, auc: Number.NEGATIVE_INFINITY, weights: [] as tf.Tensor[] };
  let maskSeed = options.seed * 7919;
  let steps = 0;
  let state: tf.Variable[] = []; // Adam creates its moments at the first step

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    // Adam reads its (protected) learning rate at every step: the per-epoch decay is set here.
    (optimizer as unknown as { learningRate: number }).learningRate =
      options.learningRate * decay ** (epoch - 1);
    shuffleInPlace(order, random);
    let lossSum = 0;
    for (let start = 0; start < rows; start += options.batchSize) {
      const batch = order.subarray(start, Math.min(rows, start + options.batchSize));
      const { xb, yb, wb } = gatherBatch(train, batch, w0, w1);
      const loss = trainStep(model, optimizer, options.l2, () =>
        batchLoss(model, xb, yb, wb, options, () => maskSeed++),
      );
      lossSum += (await loss.data())[0]! * batch.length;
      tf.dispose([loss, xb, yb, wb]);
      if (++steps % FLUSH_EVERY_STEPS === 0 || start + options.batchSize >= rows) {
        if (state.length === 0) state = await trainingState(model, optimizer);
        flushSubnormals(state);
      }
    }
    const valAuc = validation
      ? rocAuc(validation.y, predictLogits(model, validation.x, validation.width))
      : Number.NaN;
    const report = { epoch, loss: lossSum / rows, valAuc };
    history.push(report);
    onEpoch(report);
    if (!validation) continue;
    if (valAuc > best.auc) {
      tf.dispose(best.weights);
      best = { epoch, auc: valAuc, weights: model.getWeights().map((w) => w.clone()) };
    } else if (epoch - best.epoch >= options.patience) break;
  }
  if (validation && best.weights.length > 0) {
    model.setWeights(best.weights);
    tf.dispose(best.weights);
  }
  optimizer.dispose();
  if (options.calibrateIntercept) shiftOutputBias(model, interceptShift(model, train, w0, w1));
  const last = history.at(-1);
  return {
    model,
    bestEpoch: validation ? best.epoch : (last?.epoch ?? 0),
    bestValAuc: validation ? best.auc : Number.NaN,
    history,
  };
}

/** The c for which Σ w·σ(z + c) = Σ w·y over the training rows (Newton's method; the sum is monotone in c). */
function interceptShift(model: tf.Sequential, train: Matrix, w0: number, w1: number): number {
  const z = predictLogits(model, train.x, train.width);
  let target = 0;
  train.y.forEach((y) => (target += y === 1 ? w1 : 0));
  let c = 0;
  for (let step = 0; step < 50; step++) {
    let f = -target;
    let slope = 0;
    z.forEach((v, i) => {
      const w = train.y[i] === 1 ? w1 : w0;
      const p = sigmoid(v + c);
      f += w * p;
      slope += w * p * (1 - p);
    });
    if (slope === 0) break;
    const move = f / slope;
    c -= move;
    if (Math.abs(move) < 1e-9) break;
  }
  return c;
}

function shiftOutputBias(model: tf.Sequential, c: number): void {
  const last = model.layers[model.layers.length - 1]!;
  const [kernel, bias] = last.getWeights();
  const shifted = tf.tidy(() => bias!.add(c));
  last.setWeights([kernel!, shifted]);
  shifted.dispose();
}

function gatherBatch(m: Matrix, batch: Int32Array, w0: number, w1: number) {
  const x = new Float32Array(batch.length * m.width);
  const y = new Float32Array(batch.length);
  const w = new Float32Array(batch.length);
  batch.forEach((r, i) => {
    x.set(m.x.subarray(r * m.width, (r + 1) * m.width), i * m.width);
    y[i] = m.y[r]!;
    w[i] = m.y[r] === 1 ? w1 : w0;
  });
  return {
    xb: tf.tensor2d(x, [batch.length, m.width]),
    yb: tf.tensor2d(y, [batch.length, 1]),
    wb: tf.tensor2d(w, [batch.length, 1]),
  };
}

function batchLoss(
  model: tf.Sequential,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  w: tf.Tensor2D,
  options: FitOptions,
  nextSeed: () => number,
): tf.Scalar {
  let h: tf.Tensor = x;
  const inputDropout = options.inputDropout ?? 0;
  if (inputDropout > 0) {
    const keep = 1 - inputDropout;
    const mask = tf.randomUniform(h.shape, 0, 1, 'float32', nextSeed()).less(keep).toFloat();
    h = h.mul(mask).div(keep);
  }
  model.layers.forEach((layer, i) => {
    h = layer.apply(h) as tf.Tensor;
    const hidden = i < model.layers.length - 1;
    if (hidden && options.dropout > 0) {
      const keep = 1 - options.dropout;
      const mask = tf.randomUniform(h.shape, 0, 1, 'float32', nextSeed()).less(keep).toFloat();
      h = h.mul(mask).div(keep);
    }
  });
  // Stable logistic loss on logits: max(z,0) - z*y + log(1 + exp(-|z|)).
  const z = h;
  const perRow = tf
    .relu(z)
    .sub(z.mul(y))
    .add(tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
  return perRow.mul(w).mean() as tf.Scalar;
}

/**
 * One Adam step on the data loss + l2·Σw² over the kernels; returns that total loss. The penalty and its
 * gradient 2·l2·w are added outside the gradient tape: the same float32 products and sums as taping it
 * (so the same weights), without its backward pass (a ones tensor of each kernel's size and three more
 * passes over it), which was about a quarter of a step's CPU time at 1,300 inputs.
 */
function trainStep(
  model: tf.Sequential,
  optimizer: tf.Optimizer,
  l2: number,
  dataLoss: () => tf.Scalar,
): tf.Scalar {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(dataLoss);
    let loss = value;
    if (l2 > 0)
      for (const layer of model.layers) {
        const kernel = layer.getWeights()[0] as tf.Variable; // the layer's variable itself
        loss = loss.add(kernel.square().sum().mul(l2));
        grads[kernel.name] = grads[kernel.name]!.add(kernel.mul(2 * l2));
      }
    optimizer.applyGradients(grads);
    return loss;
  });
}

/**
 * `members` networks with seeds seed, seed+1, ... (each with its own early stopping), merged into one dense
 * ReLU network whose logit is their mean (network.ts mergeNetworks). bestEpoch: the members' mean, rounded.
 * Epoch reports carry the member number; 1 member = fitNetwork.
 */
export async function fitEnsemble(
  train: Matrix,
  validation: Matrix | undefined,
  options: FitOptions,
  members: number,
  onEpoch: (report: EpochReport & { member: number }) => void = () => {},
): Promise<FitResult & { bestEpochs: number[] }> {
  const fits: FitResult[] = [];
  for (let m = 0; m < members; m++)
    fits.push(
      await fitNetwork(train, validation, { ...options, seed: options.seed + m }, (e) =>
        onEpoch({ ...e, member: m }),
      ),
    );
  const model = mergeNetworks(fits.map((f) => f.model));
  if (members > 1) for (const f of fits) f.model.dispose();
  const bestEpochs = fits.map((f) => f.bestEpoch);
  return {
    model,
    bestEpoch: Math.max(1, Math.round(bestEpochs.reduce((a, b) => a + b, 0) / members)),
    bestValAuc: validation
      ? rocAuc(validation.y, predictLogits(model, validation.x, validation.width))
      : Number.NaN,
    history: fits[0]!.history,
    bestEpochs,
  };
}
