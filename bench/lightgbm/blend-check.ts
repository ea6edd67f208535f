/**
 * Exploration: does averaging the MLP's and the logistic baseline's logits (a "wide and deep" blend) beat
 * the MLP alone? Reads two OOF files of DIR and prints AUC and cost for blend weights 0..1.
 * Run: npx tsx bench/lightgbm/blend-check.ts A.json B.json [DIR]
 */
import { classificationMetrics, costOptimalThreshold, rocAuc } from '@credit/training';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchDir } from './paths.js';

const [aName, bName, dirArg] = process.argv.slice(2);
const dir = benchDir(dirArg);
const meta = JSON.parse(readFileSync(resolve(dir, 'meta.json'), 'utf8')) as {
  target: number[];
  fold: number[];
};
const read = (f: string) => (JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as { oof: number[] }).oof;
const logit = (p: number) => Math.log(Math.max(1e-7, p) / Math.max(1e-7, 1 - p));
const a = read(aName!).map(logit);
const b = read(bName!).map(logit);
const y = Float64Array.from(meta.target);
const cost = { falseNegative: 10, falsePositive: 1 };
for (const w of [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]) {
  const p = Float64Array.from(a, (v, i) => 1 / (1 + Math.exp(-((1 - w) * v + w * b[i]!))));
  const t = costOptimalThreshold(y, p, cost).threshold;
  const m = classificationMetrics(y, p, t, cost, 2);
  const folds = [0, 1, 2, 3, 4].map((k) => {
    const idx = meta.fold.flatMap((f, i) => (f === k ? [i] : []));
    return rocAuc(
      idx.map((i) => y[i]!),
      idx.map((i) => p[i]!),
    );
  });
  console.log(
    `w(${bName})=${w.toFixed(1)} AUC ${m.rocAuc.toFixed(4)} meanfold ${(folds.reduce((s, v) => s + v, 0) / 5).toFixed(4)} cost ${m.costPerClient.toFixed(4)}`,
  );
}
