/**
 * Step 1 of the LightGBM comparison: builds the features of the real labelled sample (all its tables,
 * as bench/training-sample.ts does) and writes, OUTSIDE the repository, the exact matrix and fold
 * assignment that our CV uses, so LightGBM and the MLP see the same rows, columns and folds:
 *   DIR/features.f32  labelled rows x features, row-major float32, NaN = missing (±Infinity -> NaN)
 *   DIR/meta.json     { names, ids, target, fold, folds, seed }
 * Run: npx tsx bench/lightgbm/export.ts [DIR] [folds] [--kernel-only] [--fold-seed=N]
 *   DIR default ~/.cache/credit-scoring/lightgbm-bench. The features are those `credit run` trains on: the
 *   public recipe's columns plus the optional derived and loan-terms groups (config features.derived and
 *   features.loanTerms, default true); --kernel-only leaves both out (the public recipe's columns only).
 *   --fold-seed=N draws the stratified folds with seed N instead of the training config's seed (which still
 *   seeds the networks): a split the default was never tuned on, to judge it without selection bias.
 */
import { buildFeatures, loadKaggleDir } from '@credit/data';
import { labelledRows, stratifiedFolds } from '@credit/training';
import { benchDir, writeAtomically } from './paths.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dir = benchDir(args[0]);
const folds = Number(args[1] ?? 5);
const kernelOnly = process.argv.includes('--kernel-only');
const foldSeedArg = process.argv.find((a) => a.startsWith('--fold-seed='))?.slice('--fold-seed='.length);
const sample = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'home-credit-sample');
const config = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '..', '..', 'training', 'configs', 'default.json'), 'utf8'),
) as { seed: number };
const foldSeed = foldSeedArg === undefined ? config.seed : Number(foldSeedArg);
if (!Number.isInteger(foldSeed))
  throw new Error(`--fold-seed=${foldSeedArg}: expected an integer, e.g. --fold-seed=7`);

const t0 = Date.now();
const { application_test: _unlabelled, ...labelled } = await loadKaggleDir(sample);
const { table } = buildFeatures(labelled, undefined, {
  extraGroups: kernelOnly ? [] : ['derived', 'loan-terms'],
});
const rows = labelledRows(table);
const fold = stratifiedFolds(table.target, rows, folds, foldSeed);
const width = table.names.length;
const x = new Float32Array(rows.length * width);
rows.forEach((r, i) => {
  for (let c = 0; c < width; c++) {
    const v = table.columns[c]![r]!;
    x[i * width + c] = Number.isFinite(v) ? v : Number.NaN;
  }
});
await writeAtomically(resolve(dir, 'features.f32'), Buffer.from(x.buffer));
await writeAtomically(
  resolve(dir, 'meta.json'),
  JSON.stringify({
    names: table.names,
    ids: rows.map((r) => table.ids[r]),
    target: rows.map((r) => table.target[r]),
    fold: Array.from(fold),
    folds,
    seed: config.seed,
    foldSeed,
    derivedGroup: !kernelOnly,
  }),
);
console.log(
  `exported ${rows.length} labelled rows x ${width} features, ${folds} folds (fold seed ${foldSeed}) to ${dir} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
