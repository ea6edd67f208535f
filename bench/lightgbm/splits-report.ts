/**
 * Step 5 (optional): one MLP variant against LightGBM over SEVERAL fold splits of the same rows, e.g. the
 * tuning split (fold seed 42) and splits the default was never tuned on (export.ts --fold-seed=N). One
 * split's figures move with the luck of its folds and, for the split a default was chosen on, with that
 * choice; the mean over splits is the fairer estimate.
 *
 * Per split: pooled OOF AUC, mean fold AUC and cost per client (threshold minimising the cost on that
 * split's OOF, FN = 10, FP = 1) of both models, and the cost of the deployed rule: each fold judged at the
 * threshold chosen on the other folds (crossFittedCost: no selection optimism). Then the mean over splits,
 * and a paired bootstrap over the rows (the same resampled rows scored in every split) of the MLP minus
 * LightGBM, averaged over splits.
 * Run: npx tsx bench/lightgbm/splits-report.ts DIR1 DIR2 ... [--model=mlp-default] [--reference=lightgbm]
 *   each DIR holds meta.json, oof-<reference>.json and oof-<model>.json (export.ts, lightgbm_cv.py,
 *   mlp-cv.ts); --reference=lightgbm-seed100 compares with LightGBM seeded otherwise (LIGHTGBM_SEED=100).
 */
import { costOptimalThreshold, crossFittedCost, rocAuc } from '@credit/training';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRandom } from '../../training/src/random.js';

const dirs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const model = process.argv.find((a) => a.startsWith('--model='))?.slice('--model='.length) ?? 'mlp-default';
const reference =
  process.argv.find((a) => a.startsWith('--reference='))?.slice('--reference='.length) ?? 'lightgbm';
if (dirs.length === 0)
  throw new Error('give the export folders, e.g. ~/.cache/credit-scoring/lightgbm-bench ...');
const cost = { falseNegative: 10, falsePositive: 1 };

interface Split {
  dir: string;
  foldSeed: number;
  y: Float64Array;
  fold: number[];
  folds: number;
  lgbm: Float64Array;
  mlp: Float64Array;
}

const readOof = (dir: string, name: string, rows: number): Float64Array => {
  const path = resolve(dir, `oof-${name}.json`);
  const file = JSON.parse(readFileSync(path, 'utf8')) as { oof: number[]; partial?: boolean };
  if (file.partial) throw new Error(`${path}: a run cut short (partial: true); finish it first`);
  if (file.oof.length !== rows) throw new Error(`${path}: ${file.oof.length} predictions for ${rows} rows`);
  return Float64Array.from(file.oof);
};

let ids: number[] | undefined;
const splits: Split[] = dirs.map((dir) => {
  const meta = JSON.parse(readFileSync(resolve(dir, 'meta.json'), 'utf8')) as {
    ids: number[];
    target: number[];
    fold: number[];
    folds: number;
    seed: number;
    foldSeed?: number;
  };
  // The bootstrap resamples rows by position: every split must hold the same rows in the same order.
  if (ids && (ids.length !== meta.ids.length || ids.some((id, i) => id !== meta.ids[i])))
    throw new Error(`${dir}: its rows differ from ${dirs[0]}'s; export both from the same sample`);
  ids = meta.ids;
  const rows = meta.target.length;
  return {
    dir,
    foldSeed: meta.foldSeed ?? meta.seed,
    y: Float64Array.from(meta.target),
    fold: meta.fold,
    folds: meta.folds,
    lgbm: readOof(dir, reference, rows),
    mlp: readOof(dir, model, rows),
  };
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const costPerClient = (y: Float64Array, p: Float64Array) => costOptimalThreshold(y, p, cost).costPerClient;
const meanFoldAuc = (s: Split, p: Float64Array) =>
  mean(
    Array.from({ length: s.folds }, (_, k) => {
      const idx = s.fold.flatMap((f, i) => (f === k ? [i] : []));
      return rocAuc(
        idx.map((i) => s.y[i]!),
        idx.map((i) => p[i]!),
      );
    }),
  );

const rowsOut = splits.map((s) => ({
  foldSeed: s.foldSeed,
  lgbmAuc: rocAuc(s.y, s.lgbm),
  mlpAuc: rocAuc(s.y, s.mlp),
  lgbmFold: meanFoldAuc(s, s.lgbm),
  mlpFold: meanFoldAuc(s, s.mlp),
  lgbmCost: costPerClient(s.y, s.lgbm),
  mlpCost: costPerClient(s.y, s.mlp),
  lgbmCrossFitted: crossFittedCost(s.y, s.lgbm, s.fold, cost),
  mlpCrossFitted: crossFittedCost(s.y, s.mlp, s.fold, cost),
}));
const f4 = (x: number) => x.toFixed(4);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;
console.log(`${model} vs ${reference}, ${splits[0]!.y.length} rows, cost FN=10 FP=1`);
console.log(
  '| fold seed | LightGBM AUC (pooled / mean fold) | MLP AUC (pooled / mean fold) | LightGBM cost | MLP cost | MLP - LightGBM: AUC; cost | cost, cross-fitted threshold: LightGBM / MLP / MLP - LightGBM |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of rowsOut)
  console.log(
    `| ${r.foldSeed} | ${f4(r.lgbmAuc)} / ${f4(r.lgbmFold)} | ${f4(r.mlpAuc)} / ${f4(r.mlpFold)} | ${f4(r.lgbmCost)} | ${f4(r.mlpCost)} | ${signed(r.mlpAuc - r.lgbmAuc)}; ${signed(r.mlpCost - r.lgbmCost)} | ${f4(r.lgbmCrossFitted)} / ${f4(r.mlpCrossFitted)} / ${signed(r.mlpCrossFitted - r.lgbmCrossFitted)} |`,
  );
const avg = (key: keyof (typeof rowsOut)[number]) => mean(rowsOut.map((r) => r[key]));
console.log(
  `| mean of ${splits.length} | ${f4(avg('lgbmAuc'))} / ${f4(avg('lgbmFold'))} | ${f4(avg('mlpAuc'))} / ${f4(avg('mlpFold'))} | ${f4(avg('lgbmCost'))} | ${f4(avg('mlpCost'))} | ${signed(avg('mlpAuc') - avg('lgbmAuc'))}; ${signed(avg('mlpCost') - avg('lgbmCost'))} | ${f4(avg('lgbmCrossFitted'))} / ${f4(avg('mlpCrossFitted'))} / ${signed(avg('mlpCrossFitted') - avg('lgbmCrossFitted'))} |`,
);

const resamples = Number(process.env.BOOTSTRAP ?? 200);
if (resamples > 0) {
  const random = createRandom(20261203);
  const n = splits[0]!.y.length;
  const aucDiff: number[] = [];
  const costDiff: number[] = [];
  const crossFittedDiff: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const draw = Int32Array.from({ length: n }, () => Math.floor(random() * n));
    const at = (v: Float64Array) => Float64Array.from(draw, (i) => v[i]!);
    const perSplit = splits.map((s) => {
      const y = at(s.y);
      const [l, m] = [at(s.lgbm), at(s.mlp)];
      const fold = Int32Array.from(draw, (i) => s.fold[i]!);
      return {
        auc: rocAuc(y, m) - rocAuc(y, l),
        cost: costPerClient(y, m) - costPerClient(y, l),
        crossFitted: crossFittedCost(y, m, fold, cost) - crossFittedCost(y, l, fold, cost),
      };
    });
    aucDiff.push(mean(perSplit.map((d) => d.auc)));
    costDiff.push(mean(perSplit.map((d) => d.cost)));
    crossFittedDiff.push(mean(perSplit.map((d) => d.crossFitted)));
  }
  const interval = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    return `${f4(q(0.025))} .. ${f4(q(0.975))}`;
  };
  console.log(
    `paired bootstrap, ${resamples} resamples of the rows, MLP - LightGBM averaged over the ${splits.length} splits: AUC ${signed(mean(aucDiff))} (95%: ${interval(aucDiff)}), cost/client ${signed(mean(costDiff))} (95%: ${interval(costDiff)}); cost no worse in ${((costDiff.filter((c) => c <= 0).length / resamples) * 100).toFixed(0)}% of resamples; cross-fitted cost ${signed(mean(crossFittedDiff))} (95%: ${interval(crossFittedDiff)}), no worse in ${((crossFittedDiff.filter((c) => c <= 0).length / resamples) * 100).toFixed(0)}%`,
  );
}
