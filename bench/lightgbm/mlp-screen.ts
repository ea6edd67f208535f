/**
 * Cheap screening of MLP variants on one or two folds of the exported real sample (bench/lightgbm/export.ts):
 * the fold's preprocessing is fitted once on its training rows, then each variant gets the trainer's own
 * feature selection / piecewise-linear encoding (fitted on the TRAINING rows only) and fitNetwork, and its
 * validation AUC is printed after every epoch, with CPU seconds and load average. Every result is appended
 * to DIR/screen-log.jsonl (one JSON line per variant and fold).
 *
 * Run: npx tsx bench/lightgbm/mlp-screen.ts VARIANTS.json [folds=0] [DIR]
 *   VARIANTS.json: [{ "name": "...", "maxInputs"?: n, "piecewiseBins"?: n,
 *                     ...FitOptions overrides of training/configs/default.json's mlp }]
 *   folds: comma-separated fold numbers, e.g. 0 or 0,1
 */
import {
  fitNetwork,
  fitPreprocessor,
  predictLogits,
  rocAuc,
  selectBackend,
  selectInputs,
  silentLogger,
  transformColumns,
  withPiecewiseBins,
  type FitOptions,
} from '@credit/training';
import { appendFileSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { benchDir } from './paths.js';

type Variant = Partial<FitOptions> & {
  name: string;
  maxInputs?: number;
  piecewiseBins?: number;
  /** Networks with seeds seed, seed+1, ... whose validation LOGITS are averaged (an ensemble). */
  seeds?: number;
};

const variants = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Variant[];
const folds = (process.argv[3] ?? '0').split(',').map(Number);
const dir = benchDir(process.argv[4]);
const meta = JSON.parse(readFileSync(resolve(dir, 'meta.json'), 'utf8')) as {
  names: string[];
  target: number[];
  fold: number[];
};
const raw = readFileSync(resolve(dir, 'features.f32'));
const xs = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
const width = meta.names.length;
const n = meta.target.length;
const columns = meta.names.map((_, c) => Float64Array.from({ length: n }, (_, r) => xs[r * width + c]!));
const config = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '..', '..', 'training', 'configs', 'default.json'), 'utf8'),
) as { mlp: Omit<FitOptions, 'seed'>; seed: number; missingIndicatorMinRate: number };
await selectBackend(silentLogger);

for (const k of folds) {
  const trainRows: number[] = [];
  const valRows: number[] = [];
  meta.fold.forEach((f, r) => (f === k ? valRows : trainRows).push(r));
  const yTrain = Float64Array.from(trainRows, (r) => meta.target[r]!);
  const yVal = Float64Array.from(valRows, (r) => meta.target[r]!);
  const base = fitPreprocessor(meta.names, columns, trainRows, config.missingIndicatorMinRate);
  for (const v of variants) {
    const { name, maxInputs = 0, piecewiseBins = 0, seeds = 1, ...overrides } = v;
    const pre = withPiecewiseBins(selectInputs(base, columns, trainRows, yTrain, maxInputs), piecewiseBins);
    const w = pre.outputs.length;
    const train = { x: transformColumns(pre, columns, trainRows), y: yTrain, width: w };
    const val = { x: transformColumns(pre, columns, valRows), y: yVal, width: w };
    const cpu0 = process.cpuUsage();
    const t0 = Date.now();
    const epochs: {
      seed: number;
      epoch: number;
      valAuc: number;
      cpuS: number;
      wallS: number;
      load1: number;
    }[] = [];
    const meanLogit = new Float64Array(valRows.length);
    const best: { seed: number; epoch: number; auc: number }[] = [];
    for (let s = 0; s < seeds; s++) {
      const options: FitOptions = { ...config.mlp, seed: config.seed, ...overrides };
      options.seed += s;
      const fit = await fitNetwork(train, val, options, (e) => {
        const c = process.cpuUsage(cpu0);
        const row = {
          seed: options.seed,
          epoch: e.epoch,
          valAuc: e.valAuc,
          cpuS: (c.user + c.system) / 1e6,
          wallS: (Date.now() - t0) / 1000,
          load1: loadavg()[0]!,
        };
        epochs.push(row);
        console.log(
          `${name} fold ${k} seed ${options.seed} epoch ${e.epoch} loss ${e.loss.toFixed(4)} val AUC ${e.valAuc.toFixed(4)} cpu ${row.cpuS.toFixed(0)} s wall ${row.wallS.toFixed(0)} s load ${row.load1.toFixed(1)}`,
        );
      });
      predictLogits(fit.model, val.x, val.width).forEach((z, j) => (meanLogit[j]! += z / seeds));
      best.push({ seed: options.seed, epoch: fit.bestEpoch, auc: fit.bestValAuc });
      fit.model.dispose();
    }
    const ensembleAuc = rocAuc(yVal, meanLogit);
    const line = {
      at: new Date().toISOString(),
      name,
      fold: k,
      inputs: w,
      maxInputs,
      piecewiseBins,
      seeds,
      options: { ...config.mlp, ...overrides },
      best,
      valAuc: ensembleAuc,
      epochs,
    };
    appendFileSync(resolve(dir, 'screen-log.jsonl'), JSON.stringify(line) + '\n');
    console.log(
      `=> ${name} fold ${k}: val AUC ${ensembleAuc.toFixed(4)} (${seeds} seed(s), best epochs ${best.map((b) => `${b.epoch}:${b.auc.toFixed(4)}`).join(' ')}; ${w} inputs; cpu ${epochs.at(-1)?.cpuS.toFixed(0)} s)`,
    );
  }
}
