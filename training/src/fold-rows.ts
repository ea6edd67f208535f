/**
 * Rows and matrices for cross-validation, shared by trainFromFeatureTable (train.ts) and crossValidate
 * (search/cross-validate.ts) so a search trial and `credit train` cut and transform folds the same way.
 */
import { TrainingError } from './errors.js';
import type { FitOptions, Matrix } from './fit.js';
import { fitPreprocessor, selectInputs, transformColumns, type Preprocessor } from './preprocess.js';
import { stepFunctionScore } from './selection-score.js';
import { withTargetBins } from './target-bins.js';
import type { FeatureTable, TrainingConfig } from './types.js';

/** Rows with TARGET 0 or 1 (unknown TARGET left out, anything else refused). */
export function labelledRows(table: FeatureTable): number[] {
  const rows: number[] = [];
  for (let r = 0; r < table.target.length; r++) {
    const t = table.target[r]!;
    if (t === 0 || t === 1) rows.push(r);
    else if (!Number.isNaN(t))
      throw new TrainingError(
        'E_TARGET',
        `TARGET of row ${r} (SK_ID_CURR ${table.ids[r]}) is ${t}: expected 0, 1 or missing`,
      );
  }
  return rows;
}

/** Positions (into the labelled rows) whose fold passes `test`. */
export function positions(fold: Int32Array, test: (f: number) => boolean): number[] {
  const out: number[] = [];
  fold.forEach((f, i) => test(f) && out.push(i));
  return out;
}

/**
 * Preprocessing fitted on the labelled rows at positions `idx` only (a fold's training rows, or all rows for
 * the final model), then the `maxInputs` strongest features on those same rows (config.maxInputs).
 */
export function fitRowsPreprocessor(
  c: TrainingConfig,
  names: string[],
  columns: Float64Array[],
  rows: number[],
  idx: number[],
  y: Float64Array,
): Preprocessor {
  const tableRows = idx.map((i) => rows[i]!);
  const pre = fitPreprocessor(names, columns, tableRows, c.missingIndicatorMinRate, c.piecewiseBins);
  const labels = Float64Array.from(idx, (i) => y[i]!);
  const selected =
    c.maxInputs <= 0
      ? pre
      : selectInputs(
          pre,
          columns,
          tableRows,
          labels,
          c.maxInputs,
          c.selectionMaxCorrelation,
          c.selectionScore === 'steps'
            ? (spec, column, r, labelsOf) => stepFunctionScore(spec, column, r, labelsOf, c.piecewiseBins)
            : undefined,
        );
  if (c.piecewiseEdges !== 'target') return selected;
  return withTargetBins(selected, columns, tableRows, labels, c.piecewiseBins);
}

/** The preprocessed inputs and labels of the labelled rows at positions `idx`. */
export function matrixOf(
  pre: Preprocessor,
  columns: Float64Array[],
  rows: number[],
  idx: number[],
  y: Float64Array,
): Matrix {
  return {
    x: transformColumns(
      pre,
      columns,
      idx.map((i) => rows[i]!),
    ),
    y: Float64Array.from(idx, (i) => y[i]!),
    width: pre.outputs.length,
  };
}

/** The logistic baseline: the MLP's loop with no hidden layer. */
export function baselineOptions(c: TrainingConfig): FitOptions {
  return {
    ...c.baseline,
    hiddenLayers: [],
    dropout: 0,
    seed: c.seed + 1,
    calibrateIntercept: c.calibrateIntercept,
  };
}

/** Fit options of the MLP (each ensemble member adds its number to the seed). */
export function mlpOptions(c: TrainingConfig): FitOptions {
  return { ...c.mlp, seed: c.seed, calibrateIntercept: c.calibrateIntercept };
}
