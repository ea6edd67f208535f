import type * as tf from '@tensorflow/tfjs';
import {
  denseReluStack,
  exactIntegratedGradients,
  firstLayerAt,
  logitFromFirstLayer,
  type DenseLayer,
} from './explain/dense-relu.js';
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
  // One row at a time (the score route) goes through a plain Float64 forward pass of the dense ReLU
  // stack, weights read once: tfjs' per-call overhead dominates a single-row predict. Many rows use tfjs.
  let stack: DenseLayer[] | null | undefined;
  const plainStack = () => (stack === undefined ? (stack = denseReluStack(network) ?? null) : stack);
  let baselineZ1: Float64Array | undefined;
  // The last single row's first layer: explain() right after predictProba() on the same row (what the
  // score route does) reuses it instead of a second 718 x 256 product. Compared by value, not identity.
  let lastRow: { x: Float32Array; z1: Float64Array } | undefined;
  const firstLayerOf = (layers: DenseLayer[], x: Float32Array): Float64Array => {
    const kept = lastRow;
    if (kept && kept.x.length === x.length && kept.x.every((v, i) => Object.is(v, x[i]))) return kept.z1;
    const z1 = firstLayerAt(layers, x);
    lastRow = { x, z1 };
    return z1;
  };

  /** Exact integrated gradients sharing the row's first layer with predictProba; undefined = use the attributor. */
  const exactExplain = (x: Float32Array) => {
    const layers = plainStack();
    if (!layers) return undefined;
    baselineZ1 ??= firstLayerAt(layers, baselineRow);
    const ig = exactIntegratedGradients(layers, x, baselineRow, baselineZ1, firstLayerOf(layers, x));
    // The same completeness check as createAttributor (only rounding is left, so it should always pass).
    const sum = ig.values.reduce((s, v) => s + v, 0);
    return Math.abs(sum - (ig.logit - ig.baselineLogit)) <= 5e-4 ? ig : undefined;
  };

  return {
    manifest,
    network,
    predictProba(rows) {
      const layers = plainStack();
      if (layers && isSingle(rows) && rows.length > 0) {
        checkRow(rows);
        const logit = logitFromFirstLayer(layers, firstLayerOf(layers, transformRow(pre, rows)));
        return Float64Array.of(1 / (1 + Math.exp(-logit)));
      }
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
      group ??= createFieldGrouper(pre, { fieldOf: manifest.fieldOf, fieldInfo: manifest.fieldInfo });
      const x = transformRow(pre, row);
      const ig = exactExplain(x) ?? (attribute ??= createAttributor(network))(x, baselineRow);
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
