/**
 * Speed of one client's explanation (integrated gradients + grouping + reasons) on a 778-input 256-64
 * network (the real sample's width), untrained weights: npx tsx bench/training-explain.ts
 */
import {
  createScoringModel,
  fitPreprocessor,
  selectBackend,
  silentLogger,
  type Manifest,
} from '@credit/training';
import { buildNetwork } from '../training/src/network.js';

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
const manifest = {
  featureNames: names,
  preprocessing: pre,
  threshold: 0.5,
  fieldOf: {},
  fieldInfo: {},
  baselines: { medians: Object.fromEntries(pre.features.map((f) => [f.name, f.median])) },
} as unknown as Manifest;
const model = createScoringModel(manifest, network);
const clients = Array.from({ length: 30 }, (_, r) => columns.map((c) => c[r]!));
model.explain(clients[0]!); // warm-up
const t = performance.now();
let gaps = 0;
for (const row of clients) {
  const e = model.explain(row);
  gaps = Math.max(
    gaps,
    Math.abs(e.contributions.reduce((s, c) => s + c.contribution, 0) - (e.output.logit - e.baseline.logit)),
  );
}
console.log(
  `backend ${backend}: ${((performance.now() - t) / clients.length).toFixed(1)} ms per explanation (${pre.outputs.length} model inputs), max completeness gap ${gaps.toExponential(2)}`,
);
const tp = performance.now();
for (const row of clients) model.predictProba(row);
console.log(`predictProba one row: ${((performance.now() - tp) / clients.length).toFixed(2)} ms`);
