import type * as tf from '@tensorflow/tfjs';
import { createAttributor, type Attributor } from './integrated-gradients.js';
import type { Manifest } from './manifest.js';
import { predictLogits, probabilities } from './network.js';
import { transformColumns, transformRow } from './preprocess.js';
import { createFieldGrouper, plainReasons, type FieldContribution, type FieldGrouper } from './reasons.js';
import { TrainingError } from './errors.js';

export type Decision = 'refuse' | 'grant';

export interface Explanation {
  /** Probability and logit of the reference client (every feature at its training median). */
  baseline: { probability: number; logit: number };
  output: { probability: number; logit: number };
  /** Per business field, strongest first; they sum to output.logit - baseline.logit (within 1e-3). */
  contributions: FieldContribution[];
  reasons: string[];
}

/** A trained model with its preprocessing: what serving and the CLI score with. */
export interface ScoringModel {
  manifest: Manifest;
  network: tf.LayersModel;
  /** Raw rows in manifest.featureNames order (NaN = missing); one row or many. */
  predictProba(rows: ArrayLike<number> | ArrayLike<number>[]): Float64Array;
  /** Many clients given as columns in manifest.featureNames order. */
  predictColumns(columns: Float64Array[]): Float64Array;
  decide(probability: number): Decision;
  /** `options.reasons`: how many plain sentences (strongest fields first; default 5). */
  explain(row: ArrayLike<number>, options?: { reasons?: number }): Explanation;
}

export function createScoringModel(manifest: Manifest, network: tf.LayersModel): ScoringModel {
  const pre = manifest.preprocessing;
  const width = pre.outputs.length;
  const baselineRow = transformRow(
    pre,
    pre.inputNames.map((name) => manifest.baselines.medians[name] ?? Number.NaN),
  );
  const checkRow = (row: ArrayLike<number>) => {
    if (row.length !== pre.inputNames.length)
      throw new TrainingError(
        'E_ROW_WIDTH',
        `a row has ${row.length} values but the model expects ${pre.inputNames.length} (manifest.featureNames order)`,
      );
  };
  // Built on first use and kept: the weights are read once, the field grouping worked out once.
  let attribute: Attributor | undefined;
  let group: FieldGrouper | undefined;
  const isSingle = (rows: ArrayLike<number> | ArrayLike<number>[]): rows is ArrayLike<number> =>
    rows.length === 0 || typeof rows[0] === 'number';

  return {
    manifest,
    network,
    predictProba(rows) {
      const list = isSingle(rows) ? [rows] : rows;
      const x = new Float32Array(list.length * width);
      list.forEach((row, i) => {
        checkRow(row);
        transformRow(pre, row, x.subarray(i * width, (i + 1) * width));
      });
      return probabilities(predictLogits(network, x, width));
    },
    predictColumns(columns) {
      const n = columns[0]?.length ?? 0;
      const rows = Int32Array.from({ length: n }, (_, i) => i);
      return probabilities(predictLogits(network, transformColumns(pre, columns, rows), width));
    },
    decide: (probability) => (probability >= manifest.threshold ? 'refuse' : 'grant'),
    explain(row, options = {}) {
      checkRow(row);
      attribute ??= createAttributor(network);
      group ??= createFieldGrouper(pre, { fieldOf: manifest.fieldOf, fieldInfo: manifest.fieldInfo });
      const ig = attribute(transformRow(pre, row), baselineRow);
      const contributions = group(ig.values, row);
      return {
        baseline: { logit: ig.baselineLogit, probability: 1 / (1 + Math.exp(-ig.baselineLogit)) },
        output: { logit: ig.logit, probability: 1 / (1 + Math.exp(-ig.logit)) },
        contributions,
        reasons: plainReasons(contributions, pre, row, options.reasons ?? 5, manifest.fieldInfo),
      };
    },
  };
}
