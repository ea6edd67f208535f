import type * as tf from '@tensorflow/tfjs';
import { integratedGradients } from './integrated-gradients.js';
import { rocAuc } from './metrics.js';
import { predictLogits } from './network.js';
import { transformRow, type Preprocessor } from './preprocess.js';
import { createRandom, shuffleInPlace } from './random.js';

export interface FieldImportance {
  field: string;
  /** AUC lost when the field's columns are shuffled together across validation rows. */
  aucDrop: number;
  /** Mean |integrated-gradients attribution| (logit units) over the sampled rows. */
  meanAbsAttribution: number;
}

function columnsByField(pre: Preprocessor, fieldOf: Record<string, string>): Map<string, number[]> {
  const map = new Map<string, number[]>();
  pre.outputs.forEach((o, j) => {
    const field = fieldOf[o.feature] ?? o.feature;
    map.set(field, [...(map.get(field) ?? []), j]);
  });
  return map;
}

/** Permutation importance (AUC drop) per field and mean |attribution| per field, on validation rows. */
export function fieldImportance(
  model: tf.LayersModel,
  pre: Preprocessor,
  x: Float32Array,
  y: Float64Array,
  fieldOf: Record<string, string>,
  seed: number,
  attributionRows = 100,
): FieldImportance[] {
  const width = pre.outputs.length;
  const rows = y.length;
  const reference = rocAuc(y, predictLogits(model, x, width));
  const random = createRandom(seed);
  const groups = columnsByField(pre, fieldOf);
  const medianRow = new Float64Array(pre.inputNames.length);
  pre.features.forEach((spec) => (medianRow[spec.index] = spec.median));
  const baseline = transformRow(pre, medianRow);
  const attributionSums = new Float64Array(width);
  const sampled = Math.min(rows, attributionRows);
  for (let r = 0; r < sampled; r++) {
    // A global average needs no exact completeness: few steps keep it fast.
    const ig = integratedGradients(model, x.subarray(r * width, (r + 1) * width), baseline, Infinity, 32);
    ig.values.forEach((v, j) => (attributionSums[j] = attributionSums[j]! + Math.abs(v)));
  }
  const result: FieldImportance[] = [];
  for (const [field, cols] of groups) {
    const order = Int32Array.from({ length: rows }, (_, i) => i);
    shuffleInPlace(order, random);
    const permuted = x.slice();
    for (let r = 0; r < rows; r++) for (const j of cols) permuted[r * width + j] = x[order[r]! * width + j]!;
    const auc = rocAuc(y, predictLogits(model, permuted, width));
    const meanAbs = cols.reduce((s, j) => s + attributionSums[j]!, 0) / Math.max(1, sampled);
    result.push({ field, aucDrop: reference - auc, meanAbsAttribution: meanAbs });
  }
  return result.sort((a, b) => b.aucDrop - a.aucDrop);
}

/** A Vega-Lite bar chart of the top fields by AUC drop. */
export function importanceChartSpec(importance: FieldImportance[], top = 20): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Permutation importance (validation AUC drop) per business field',
    data: { values: importance.slice(0, top) },
    mark: 'bar',
    encoding: {
      y: { field: 'field', type: 'nominal', sort: '-x', title: null },
      x: { field: 'aucDrop', type: 'quantitative', title: 'AUC drop when shuffled' },
      tooltip: [{ field: 'meanAbsAttribution', type: 'quantitative', format: '.3f' }],
    },
    width: 400,
    height: { step: 16 },
  };
}
