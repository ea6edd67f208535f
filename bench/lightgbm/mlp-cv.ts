/**
 * Step 3 of the comparison: our MLP (training/configs/default.json) and the logistic baseline, CV on
 * exactly the exported rows, columns and fold assignment (bench/lightgbm/export.ts).
 * Writes DIR/oof-mlp<TAG>.json and DIR/oof-baseline.json ({ oof, foldsDone, partial, seconds, config })
 * after every fold, so a run cut short still gives figures on the folds it finished.
 * Run: npx tsx bench/lightgbm/mlp-cv.ts [maxEpochs=6] [seeds=1] [DIR] [--no-baseline] [--tag=NAME] [--config=FILE] [--seed=N]
 * (--tag also names the baseline's file oof-baseline-NAME.json; --config lays a partial training config
 * over training/configs/default.json, e.g. to measure a candidate before it becomes the default.)
 */
import { crossValidate, type FeatureTable } from '@credit/training';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchDir, writeAtomically } from './paths.js';
import { readExport } from './read-export.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const maxEpochs = Number(args[0] ?? 6);
const seeds = Number(args[1] ?? 1);
const dir = benchDir(args[2]);
const withBaseline = !process.argv.includes('--no-baseline');

const { meta, columns } = readExport(dir);
const table: FeatureTable = {
  ids: Float64Array.from(meta.ids),
  target: Float64Array.from(meta.target),
  names: meta.names,
  columns,
};
const config = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '..', '..', 'training', 'configs', 'default.json'), 'utf8'),
);
// --config=FILE: a partial training config laid over default.json (its "mlp" group key by key).
const configArg = process.argv.find((a) => a.startsWith('--config='))?.slice('--config='.length);
if (configArg) {
  const overlay = JSON.parse(readFileSync(configArg, 'utf8'));
  Object.assign(config, { ...overlay, mlp: { ...config.mlp, ...overlay.mlp } });
}
config.mlp.epochs = maxEpochs;
config.baseline.epochs = maxEpochs;
config.folds = meta.folds;
// --seed=N seeds the networks with N instead of the export's seed (the folds stay the export's): how much
// of a figure is the luck of one seed.
const seedArg = process.argv.find((a) => a.startsWith('--seed='))?.slice('--seed='.length);
config.seed = seedArg === undefined ? meta.seed : Number(seedArg);
if (!Number.isInteger(config.seed)) throw new Error(`--seed=${seedArg}: expected an integer, e.g. --seed=43`);

const t0 = Date.now();
// --tag=NAME names the output oof-mlp-NAME.json (to keep several variants side by side).
const tagArg = process.argv.find((a) => a.startsWith('--tag='))?.slice('--tag='.length);
const tag = tagArg ? `-${tagArg}` : seeds > 1 ? `-seeds${seeds}` : '';
const foldsDone: number[] = [];
const cv = await crossValidate(table, {
  config,
  baseline: withBaseline,
  seeds,
  folds: Int32Array.from(meta.fold),
  onEpoch: (e) =>
    process.stderr.write(
      `fold ${e.fold} ${e.model} epoch ${e.epoch} loss ${e.loss.toFixed(4)} val AUC ${e.valAuc.toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`,
    ),
  // Saved after every fold (with foldsDone) so that a run cut short still gives figures on the folds done.
  onFold: async (f, oof) => {
    console.log(JSON.stringify(f));
    foldsDone.push(f.fold);
    await save(oof, foldsDone.length < meta.folds);
  },
});
console.log(
  `MLP OOF AUC ${cv.metrics.mlp.rocAuc.toFixed(4)} (mean fold ${cv.meanFoldMlpAuc.toFixed(4)}), ${((Date.now() - t0) / 1000).toFixed(0)} s`,
);

async function save(oof: { mlp: Float64Array; baseline?: Float64Array }, partial: boolean): Promise<void> {
  const seconds = (Date.now() - t0) / 1000;
  const common = { foldsDone, partial, seconds, maxEpochs };
  await writeAtomically(
    resolve(dir, `oof-mlp${tag}.json`),
    JSON.stringify({ oof: Array.from(oof.mlp), ...common, config: config.mlp, seeds }),
  );
  if (oof.baseline)
    await writeAtomically(
      resolve(dir, `oof-baseline${tagArg ? `-${tagArg}` : ''}.json`),
      JSON.stringify({ oof: Array.from(oof.baseline), ...common, config: config.baseline }),
    );
}
