/**
 * Step 4: scores every model's out-of-fold predictions with the trainer's own metric code (same labels,
 * same folds, threshold minimising the business cost on OOF, FN = 10, FP = 1) and prints them side by side
 * with the MLP's gap to LightGBM. Reads DIR/oof-*.json (any that exist). When a run was cut short
 * (mlp-cv.ts saves after each fold), every model is scored on the rows of the folds all of them finished.
 * With LightGBM present, a paired bootstrap over the rows (BOOTSTRAP resamples, default 200, seeded) gives
 * each MLP's AUC and cost difference to LightGBM with a 95% interval: is a difference larger than the noise
 * of ~45k rows? Each resample re-chooses every model's cost-optimal threshold, as the main figures do.
 * Run: npx tsx bench/lightgbm/report.ts [DIR]
 */
import { classificationMetrics, costOptimalThreshold, rocAuc } from '@credit/training';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRandom } from '../../training/src/random.js';
import { benchDir } from './paths.js';

const dir = benchDir(process.argv[2]);
const meta = JSON.parse(readFileSync(resolve(dir, 'meta.json'), 'utf8')) as {
  target: number[];
  fold: number[];
  folds: number;
};
const cost = { falseNegative: 10, falsePositive: 1 };

interface OofFile {
  oof: number[];
  seconds?: number;
  /** Written by mlp-cv.ts after each fold; absent = every fold. */
  foldsDone?: number[];
}
const files = readdirSync(dir)
  .filter((f) => /^oof-.*\.json$/.test(f))
  .sort();
if (!files.includes('oof-lightgbm.json'))
  console.warn(`no ${resolve(dir, 'oof-lightgbm.json')}: run lightgbm_cv.py first (the gap needs it)`);
const loaded = files.map((f) => {
  const content = JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as OofFile;
  if (content.oof.length !== meta.target.length)
    throw new Error(
      `${f}: ${content.oof.length} predictions for ${meta.target.length} rows: re-run it on this export`,
    );
  return { name: f.replace(/^oof-|\.json$/g, ''), ...content };
});

const allFolds = Array.from({ length: meta.folds }, (_, k) => k);
const common = allFolds.filter((k) => loaded.every((l) => (l.foldsDone ?? allFolds).includes(k)));
const keep = meta.fold.flatMap((k, i) => (common.includes(k) ? [i] : []));
const y = Float64Array.from(keep, (i) => meta.target[i]!);
const foldOf = keep.map((i) => meta.fold[i]!);

const scored = loaded.map(({ name, oof, seconds }) => {
  const p = Float64Array.from(keep, (i) => oof[i]!);
  const threshold = costOptimalThreshold(y, p, cost).threshold;
  const m = classificationMetrics(y, p, threshold, cost, 2);
  const foldAucs = common.map((k) => {
    const idx = foldOf.flatMap((f, i) => (f === k ? [i] : []));
    return rocAuc(
      idx.map((i) => y[i]!),
      idx.map((i) => p[i]!),
    );
  });
  return { name, p, m, foldAucs, seconds };
});

const lgbm = scored.find((s) => s.name === 'lightgbm');
console.log(
  `${keep.length} of ${meta.target.length} labelled rows: folds ${common.join(',')} of ${meta.folds} (same assignment for every model), cost FN=10 FP=1`,
);
console.log(
  `${'model'.padEnd(16)} ${'OOF AUC'.padStart(7)} ${'mean fold AUC'.padStart(13)} ${'PR AUC'.padStart(6)} ${'threshold'.padStart(9)} ${'cost/client'.padStart(11)} ${'business'.padStart(8)} ${'recall'.padStart(6)} ${'AUC gap'.padStart(7)} ${'time s'.padStart(7)}`,
);
for (const s of scored) {
  const meanFold = s.foldAucs.reduce((a, b) => a + b, 0) / s.foldAucs.length;
  const gap = lgbm ? (s.m.rocAuc - lgbm.m.rocAuc).toFixed(4) : '-';
  console.log(
    `${s.name.padEnd(16)} ${s.m.rocAuc.toFixed(4).padStart(7)} ${meanFold.toFixed(4).padStart(13)} ${s.m.prAuc.toFixed(4).padStart(6)} ${s.m.threshold.toFixed(3).padStart(9)} ${s.m.costPerClient.toFixed(4).padStart(11)} ${s.m.businessScore.toFixed(4).padStart(8)} ${s.m.recall.toFixed(3).padStart(6)} ${gap.padStart(7)} ${(s.seconds?.toFixed(0) ?? '-').padStart(7)}`,
  );
}
for (const s of scored)
  console.log(`${s.name} per-fold AUC: ${s.foldAucs.map((a) => a.toFixed(4)).join(' ')}`);
const meanOf = (a: number[]) => a.reduce((x, v) => x + v, 0) / a.length;
if (lgbm)
  for (const s of scored.filter((x) => x.name.startsWith('mlp'))) {
    const pooled = s.m.rocAuc - lgbm.m.rocAuc;
    const meanFold = meanOf(s.foldAucs) - meanOf(lgbm.foldAucs);
    const within = (gap: number) => (gap >= -0.005 ? 'within' : 'NOT within');
    console.log(
      `${s.name}: pooled OOF AUC ${within(pooled)} 0.005 of LightGBM (gap ${pooled.toFixed(4)}), mean fold AUC ${within(meanFold)} (gap ${meanFold.toFixed(4)}); business cost ${s.m.costPerClient <= lgbm.m.costPerClient ? 'no worse' : 'worse'} (${s.m.costPerClient.toFixed(4)} vs ${lgbm.m.costPerClient.toFixed(4)} per client)`,
    );
  }

const resamples = Number(process.env.BOOTSTRAP ?? 200);
if (lgbm && resamples > 0) {
  const random = createRandom(20261123);
  const draws = Array.from({ length: resamples }, () =>
    Int32Array.from({ length: y.length }, () => Math.floor(random() * y.length)),
  );
  const atDraw = (values: Float64Array, draw: Int32Array) => Float64Array.from(draw, (i) => values[i]!);
  const costOf = (labels: Float64Array, p: Float64Array) =>
    costOptimalThreshold(labels, p, cost).cost / labels.length;
  const lgbmBoot = draws.map((d) => {
    const labels = atDraw(y, d);
    const p = atDraw(lgbm.p, d);
    return { auc: rocAuc(labels, p), cost: costOf(labels, p) };
  });
  const interval = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return `${at(0.025).toFixed(4)} .. ${at(0.975).toFixed(4)}`;
  };
  for (const s of scored.filter((x) => x.name !== 'lightgbm')) {
    const aucDiff: number[] = [];
    const costDiff: number[] = [];
    draws.forEach((d, b) => {
      const labels = atDraw(y, d);
      const p = atDraw(s.p, d);
      aucDiff.push(rocAuc(labels, p) - lgbmBoot[b]!.auc);
      costDiff.push(costOf(labels, p) - lgbmBoot[b]!.cost);
    });
    const noWorse = costDiff.filter((c) => c <= 0).length / resamples;
    console.log(
      `${s.name} - lightgbm, ${resamples} paired bootstrap resamples: AUC ${meanOf(aucDiff).toFixed(4)} (95%: ${interval(aucDiff)}), cost/client ${meanOf(costDiff) >= 0 ? '+' : ''}${meanOf(costDiff).toFixed(4)} (95%: ${interval(costDiff)}); cost no worse in ${(noWorse * 100).toFixed(0)}% of resamples`,
    );
  }
}
