/**
 * Speed of one client's explanation (integrated gradients + grouping + reasons) on a 778-feature 256-64
 * network (the real sample's width; with missing indicators 1,556 model inputs), untrained weights,
 * against the API's 50 ms target; then the general tfjs trapezoid rule on the same model for
 * comparison: npx tsx bench/training-explain.ts
 */
import * as tf from '@tensorflow/tfjs';
import { createScoringModel, fitPreprocessor, selectBackend, silentLogger } from '@credit/training';
import { manifestFor } from '../training/src/manifest.test-util.js';
import { createAttributor, trapezoidIntegratedGradients } from '../training/src/integrated-gradients.js';
import { buildNetwork } from '../training/src/network.js';
import { transformRow } from '../training/src/preprocess.js';

const width = 778;
const rows = 2000;
let seed = 1;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const names = Array.from({ length: width }, (_, i) => `F${i}`);
const columns = names.map(() =>
  Float64Array.from({ length: rows }, () => (random() < 0.1 ? NaN : random() * 1000)),
);
const backend = await selectBackend(silentLogger);
const pre = fitPreprocessor(
  names,
  columns,
  Array.from({ length: rows }, (_, i) => i),
  0.01,
);
const network = buildNetwork(pre.outputs.length, [256, 64], 1);
// Untrained biases are 0 and the reference client maps to all-zero inputs, which would make the path a
// straight line through the origin with no ReLU kink; random biases give a trained network's kinks.
for (const layer of network.layers) {
  const [kernel, bias] = layer.getWeights();
  layer.setWeights([kernel!, tf.tensor1d(Array.from({ length: bias!.size }, () => random() - 0.5))]);
}
const manifest = manifestFor(names, pre);
const model = createScoringModel(manifest, network);
const clients = Array.from({ length: 30 }, (_, r) => columns.map((c) => c[r]!));
// Warm-up: the weights are read once, and V8 compiles the hot loops (as in a long-running API).
for (const row of clients.slice(0, 5)) model.explain(row);
const times: number[] = [];
let gaps = 0;
for (const row of clients) {
  const t = performance.now();
  const e = model.explain(row);
  times.push(performance.now() - t);
  gaps = Math.max(
    gaps,
    Math.abs(e.contributions.reduce((s, c) => s + c.contribution, 0) - (e.output.logit - e.baseline.logit)),
  );
}
const sorted = [...times].sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const target = 50;
console.log(
  `backend ${backend}: ${mean.toFixed(1)} ms per explanation (median ${sorted[15]!.toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)}; ${pre.outputs.length} model inputs, 256-64), ${(mean / target).toFixed(2)} x the ${target} ms target, max completeness gap ${gaps.toExponential(2)}`,
);
const x = transformRow(pre, clients[1]!);
const baseline = transformRow(
  pre,
  names.map((n) => manifest.baselines.medians[n] ?? NaN),
);
const exact = createAttributor(network)(x, baseline);
console.log(
  `exact rule: ${exact.steps} segments of constant gradient on the path, gap ${exact.gap.toExponential(2)}`,
);
// The general rule (tfjs trapezoid, steps doubling from 32 until the gap is under 5e-4), for comparison.
const rounds = 3;
const tt = performance.now();
let steps = 0;
for (const row of clients.slice(0, rounds)) {
  const ig = trapezoidIntegratedGradients(network, transformRow(pre, row), baseline);
  steps = Math.max(steps, ig.steps);
}
const trapezoidMs = (performance.now() - tt) / rounds;
console.log(
  `tfjs trapezoid rule (previous method, ${rounds} clients): ${trapezoidMs.toFixed(1)} ms per attribution (up to ${steps} steps), ${(trapezoidMs / mean).toFixed(1)} x slower than the whole exact explanation`,
);
const tp = performance.now();
for (const row of clients) model.predictProba(row);
console.log(`predictProba one row: ${((performance.now() - tp) / clients.length).toFixed(2)} ms`);
