import type * as tf from '@tensorflow/tfjs';
import { createAttributor } from './integrated-gradients.js';
import { rocAuc } from './metrics.js';
import { predictLogits } from './network.js';
import { transformRow, type Preprocessor } from './preprocess.js';
import { createRandom, shuffleInPlace } from './random.js';
import type { FieldInfo } from './types.js';

export interface FieldImportance {
  field: string;
  /** AUC lost when the field's columns are shuffled together across validation rows. */
  aucDrop: number;
  /** Mean over the sampled rows of |the field's integrated-gradients attribution| (logit units). */
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
  // Exact integrated gradients (explain/dense-relu.ts): cheap enough to use every sampled row.
  const attribute = createAttributor(model);
  const fieldNames = [...groups.keys()];
  const absSums = new Float64Array(fieldNames.length);
  const sampled = Math.min(rows, attributionRows);
  for (let r = 0; r < sampled; r++) {
    const { values } = attribute(x.subarray(r * width, (r + 1) * width), baseline);
    fieldNames.forEach((field, k) => {
      const sum = groups.get(field)!.reduce((s, j) => s + values[j]!, 0);
      absSums[k] = absSums[k]! + Math.abs(sum);
    });
  }
  const result: FieldImportance[] = [];
  for (const [k, field] of fieldNames.entries()) {
    const cols = groups.get(field)!;
    const order = Int32Array.from({ length: rows }, (_, i) => i);
    shuffleInPlace(order, random);
    const permuted = x.slice();
    for (let r = 0; r < rows; r++) for (const j of cols) permuted[r * width + j] = x[order[r]! * width + j]!;
    const auc = rocAuc(y, predictLogits(model, permuted, width));
    const meanAbs = absSums[k]! / Math.max(1, sampled);
    result.push({ field, aucDrop: reference - auc, meanAbsAttribution: meanAbs });
  }
  return result.sort((a, b) => b.aucDrop - a.aucDrop);
}

/**
 * Vega-Lite chart of the top fields (by AUC drop), under their plain labels: permutation importance on
 * the left, mean |attribution| on the right, same field order.
 */
export function importanceChartSpec(
  importance: FieldImportance[],
  top = 20,
  fieldInfo: Record<string, FieldInfo> = {},
): Record<string, unknown> {
  const values = [...importance]
    .sort((a, b) => b.aucDrop - a.aucDrop)
    .slice(0, top)
    .map((f, rank) => ({ ...f, rank, label: fieldInfo[f.field]?.label ?? f.field }));
  // Bars are keyed by label: two fields sharing one get their column name added.
  for (const v of values)
    if (values.some((o) => o !== v && o.label === v.label)) v.label = `${v.label} (${v.field})`;
  const y = {
    field: 'label',
    type: 'nominal',
    sort: { field: 'rank', order: 'ascending' },
    axis: { labelLimit: 720 },
  };
  const tooltip = [
    { field: 'label', title: 'field' },
    { field: 'field', title: 'column' },
    { field: 'aucDrop', type: 'quantitative', format: '.4f', title: 'AUC drop' },
    { field: 'meanAbsAttribution', type: 'quantitative', format: '.3f', title: 'mean |attribution|' },
  ];
  const panel = (field: string, title: string, color: string, showLabels: boolean) => ({
    width: 240,
    height: { step: 18 },
    mark: { type: 'bar', color },
    encoding: {
      y: showLabels ? { ...y, title: null } : { ...y, title: null, axis: null },
      x: { field, type: 'quantitative', title },
      tooltip,
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'What the model relies on, per business field',
      subtitle: `Top ${values.length} fields by permutation importance on validation data`,
    },
    data: { values },
    hconcat: [
      panel('aucDrop', 'AUC drop when the field is shuffled', '#4c78a8', true),
      panel('meanAbsAttribution', 'mean |attribution| (logit)', '#f58518', false),
    ],
    config: { font: 'DejaVu Sans' },
  };
}
