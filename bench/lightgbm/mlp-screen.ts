/**
 * Cheap screening of MLP variants on one or two folds of the exported real sample (bench/lightgbm/export.ts):
 * the fold's preprocessing is fitted once on its training rows, then each variant gets the trainer's own
 * feature selection / piecewise-linear encoding (fitted on the TRAINING rows only) and fitNetwork, and its
 * validation AUC is printed after every epoch, with CPU seconds and load average. Every result is appended
 * to DIR/screen-log.jsonl (one JSON line per variant and fold).
 *
 * Run: npx tsx bench/lightgbm/mlp-screen.ts VARIANTS.json [folds=0] [DIR] [--oof]
 *   VARIANTS.json: [{ "name": "...", "maxInputs"?: n, "piecewiseBins"?: n, "piecewiseEdges"?: "target",
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
  withTargetBins,
  type FitOptions,
} from '@credit/training';
import { appendFileSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { benchDir, writeAtomically } from './paths.js';
import { readExport } from './read-export.js';

type Variant = Partial<FitOptions> & {
  name: string;
  maxInputs?: number;
  piecewiseBins?: number;
  /** TrainingConfig.piecewiseEdges; absent = "equal" (this bench's variants state every knob). */
  piecewiseEdges?: 'equal' | 'target';
  /** Networks with seeds seed, seed+1, ... whose validation LOGITS are averaged (an ensemble). */
  seeds?: number;
  /**
   * One extra input outside the selection: the default rate of the k nearest TRAINING clients in the space
   * of these columns (missing -> training median, each divided by its training std; "1/NAME" = reciprocal).
   * Training rows leave themselves out. Fitted on the fold's training rows only.
   */
  knn?: { k: number; columns: string[] };
  /** selectInputs' redundancy filter (TrainingConfig.selectionMaxCorrelation); absent = 1 = off. */
  selectionMaxCorrelation?: number;
};

/** The kth smallest value of a[0..n) (a is reordered). */
function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** kNN default rate of every query row among the reference rows (both row lists index the table). */
function knnTargetMean(
  knn: { k: number; columns: string[] },
  refRows: number[],
  queryRows: number[],
  leaveSelfOut: boolean,
): Float64Array {
  const dims = knn.columns.map((spec) => {
    const inverse = spec.startsWith('1/');
    const c = meta.names.indexOf(inverse ? spec.slice(2) : spec);
    if (c < 0) throw new Error(`knn column ${spec} is not in the export`);
    const value = (r: number) => (inverse ? 1 / columns[c]![r]! : columns[c]![r]!);
    const known = refRows
      .map(value)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const median = known[known.length >> 1] ?? 0;
    const mean = known.reduce((s, v) => s + v, 0) / Math.max(1, known.length);
    const sd = Math.sqrt(known.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, known.length)) || 1;
    return (r: number) => {
      const v = value(r);
      return (Number.isFinite(v) ? v : median) / sd;
    };
  });
  const ref = dims.map((f) => Float64Array.from(refRows, f));
  const refY = Float64Array.from(refRows, (r) => meta.target[r]!);
  const d = new Float64Array(refRows.length);
  const scratch = new Float64Array(refRows.length);
  const out = new Float64Array(queryRows.length);
  queryRows.forEach((r, qi) => {
    const q = dims.map((f) => f(r));
    for (let j = 0; j < ref[0]!.length; j++) {
      let s = 0;
      for (let t = 0; t < q.length; t++) s += (ref[t]![j]! - q[t]!) ** 2;
      d[j] = s;
    }
    if (leaveSelfOut) d[qi] = Number.POSITIVE_INFINITY; // query = reference, same order
    scratch.set(d);
    const kth = kthSmallest(scratch, knn.k - 1);
    let sum = 0;
    let count = 0;
    let tieSum = 0;
    let ties = 0;
    d.forEach((v, j) => {
      if (v < kth) {
        sum += refY[j]!;
        count++;
      } else if (v === kth) {
        tieSum += refY[j]!;
        ties++;
      }
    });
    out[qi] = (sum + ((knn.k - count) * tieSum) / Math.max(1, ties)) / knn.k;
  });
  return out;
}

/** The matrix with one more column: `extra`, centred and scaled with the training values' mean and std. */
function withColumn(
  x: Float32Array,
  width: number,
  extra: Float64Array,
  mean: number,
  sd: number,
): Float32Array {
  const rows = extra.length;
  const out = new Float32Array(rows * (width + 1));
  for (let r = 0; r < rows; r++) {
    out.set(x.subarray(r * width, (r + 1) * width), r * (width + 1));
    out[r * (width + 1) + width] = (extra[r]! - mean) / sd;
  }
  return out;
}

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const variants = JSON.parse(readFileSync(positional[0]!, 'utf8')) as Variant[];
const folds = (positional[1] ?? '0').split(',').map(Number);
const dir = benchDir(positional[2]);
const { meta, columns } = readExport(dir);
const config = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '..', '..', 'training', 'configs', 'default.json'), 'utf8'),
) as { mlp: Omit<FitOptions, 'seed'>; seed: number; missingIndicatorMinRate: number };
await selectBackend(silentLogger);

// --oof: every variant's validation probabilities (sigmoid of the mean logit) are kept across the folds run
// and written to DIR/oof-screen-NAME.json after each fold ({ oof, foldsDone, partial }), for report.ts.
const writeOof = process.argv.includes('--oof');
const oofOf = new Map<string, { oof: Float64Array; foldsDone: number[] }>();
for (const k of folds) {
  const trainRows: number[] = [];
  const valRows: number[] = [];
  meta.fold.forEach((f, r) => (f === k ? valRows : trainRows).push(r));
  const yTrain = Float64Array.from(trainRows, (r) => meta.target[r]!);
  const yVal = Float64Array.from(valRows, (r) => meta.target[r]!);
  const base = fitPreprocessor(meta.names, columns, trainRows, config.missingIndicatorMinRate);
  for (const v of variants) {
    const {
      name,
      maxInputs = 0,
      piecewiseBins = 0,
      piecewiseEdges = 'equal',
      seeds = 1,
      knn,
      selectionMaxCorrelation = 1,
      ...overrides
    } = v;
    const equal = withPiecewiseBins(
      selectInputs(base, columns, trainRows, yTrain, maxInputs, selectionMaxCorrelation),
      piecewiseBins,
    );
    const pre =
      piecewiseEdges === 'target' ? withTargetBins(equal, columns, trainRows, yTrain, piecewiseBins) : equal;
    let w = pre.outputs.length;
    const train = { x: transformColumns(pre, columns, trainRows), y: yTrain, width: w };
    const val = { x: transformColumns(pre, columns, valRows), y: yVal, width: w };
    if (knn) {
      const tk = Date.now();
      const onTrain = knnTargetMean(knn, trainRows, trainRows, true);
      const onVal = knnTargetMean(knn, trainRows, valRows, false);
      const mean = onTrain.reduce((s, v) => s + v, 0) / onTrain.length;
      const sd = Math.sqrt(onTrain.reduce((s, v) => s + (v - mean) ** 2, 0) / onTrain.length) || 1;
      train.x = withColumn(train.x, w, onTrain, mean, sd);
      val.x = withColumn(val.x, w, onVal, mean, sd);
      w += 1;
      train.width = w;
      val.width = w;
      console.log(
        `${name} fold ${k}: knn feature val AUC alone ${rocAuc(yVal, onVal).toFixed(4)}, ${((Date.now() - tk) / 1000).toFixed(1)} s`,
      );
    }
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
    if (writeOof) {
      const kept = oofOf.get(name) ?? {
        oof: new Float64Array(meta.target.length).fill(Number.NaN),
        foldsDone: [],
      };
      valRows.forEach((r, j) => (kept.oof[r] = 1 / (1 + Math.exp(-meanLogit[j]!))));
      kept.foldsDone.push(k);
      oofOf.set(name, kept);
      const partial = new Set(kept.foldsDone).size < new Set(meta.fold).size;
      await writeAtomically(
        resolve(dir, `oof-screen-${name}.json`),
        JSON.stringify({
          oof: Array.from(kept.oof, (p) => (Number.isNaN(p) ? 0 : p)),
          foldsDone: kept.foldsDone,
          partial,
        }),
      );
    }
    const line = {
      at: new Date().toISOString(),
      name,
      fold: k,
      inputs: w,
      maxInputs,
      piecewiseBins,
      piecewiseEdges,
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
