import { categoryPhrase, labelWithoutUnit, showValue, unitOf } from './explain/wording.js';
import { percentileOf, type FeatureSpec, type Preprocessor } from './preprocess.js';
import type { FieldInfo } from './types.js';

export interface FieldContribution {
  field: string;
  label: string;
  /** Sum of the field's attributions, in logit units (positive raises the risk). */
  contribution: number;
  /** The client's raw value for the field when it has one numeric feature of the same name. */
  value?: number | null;
  /** Share of training clients with a lower raw value (0..1). */
  percentile?: number;
}

export interface GroupingInput {
  fieldOf: Record<string, string>;
  fieldInfo: Record<string, FieldInfo>;
}

/** Per-input attributions + the client's raw row -> contributions per business field, strongest first. */
export type FieldGrouper = (attributions: Float64Array, rawRow: ArrayLike<number>) => FieldContribution[];

/**
 * Works out once which business field each model input belongs to (one-hot and missing-indicator
 * columns go to their source column), so each explanation only adds numbers up.
 */
export function createFieldGrouper(pre: Preprocessor, grouping: GroupingInput): FieldGrouper {
  const fields: { field: string; label: string; spec?: FeatureSpec }[] = [];
  const indexOfField = new Map<string, number>();
  const specs = new Map(pre.features.map((f) => [f.name, f]));
  const fieldOfOutput = Int32Array.from(pre.outputs, (output) => {
    const field = grouping.fieldOf[output.feature] ?? output.feature;
    let k = indexOfField.get(field);
    if (k === undefined) {
      k = fields.length;
      indexOfField.set(field, k);
      fields.push({ field, label: grouping.fieldInfo[field]?.label ?? field, spec: specs.get(field) });
    }
    return k;
  });
  return (attributions, rawRow) => {
    const sums = new Float64Array(fields.length);
    for (let j = 0; j < fieldOfOutput.length; j++)
      sums[fieldOfOutput[j]!] = sums[fieldOfOutput[j]!]! + attributions[j]!;
    return fields
      .map(({ field, label, spec }, k) => {
        const entry: FieldContribution = { field, label, contribution: sums[k]! };
        if (spec) {
          const raw = rawRow[spec.index]!;
          entry.value = Number.isFinite(raw) ? raw : null;
          if (Number.isFinite(raw) && spec.kind === 'quantile') entry.percentile = percentileOf(spec, raw);
        }
        return entry;
      })
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  };
}

/** Folds per-input attributions into business fields (one call; createFieldGrouper for many). */
export function groupByField(
  pre: Preprocessor,
  attributions: Float64Array,
  rawRow: ArrayLike<number>,
  grouping: GroupingInput,
): FieldContribution[] {
  return createFieldGrouper(pre, grouping)(attributions, rawRow);
}

/**
 * Plain sentences for the strongest fields, e.g. "External score 2 is low: 0.12, lower than for 85% of
 * clients — raises the risk", "Age: 27 years, younger than 80% of clients — raises the risk".
 */
export function plainReasons(
  contributions: FieldContribution[],
  pre: Preprocessor,
  rawRow: ArrayLike<number>,
  count = 5,
  fieldInfo: Record<string, FieldInfo> = {},
): string[] {
  return contributions
    .filter((c) => Math.abs(c.contribution) > 1e-6)
    .slice(0, count)
    .map(
      (c) =>
        `${describe(c, pre, rawRow, fieldInfo[c.field])} — ${c.contribution > 0 ? 'raises' : 'lowers'} the risk`,
    );
}

/**
 * The client's value of one field in words, without the effect: "Age: 27 years, younger than 80% of
 * clients", "External score 2 is low: 0.12, lower than for 85% of clients", "Education is "Higher
 * education"". For callers that add their own ending (e.g. "has almost no effect on this decision").
 */
export function describe(
  c: FieldContribution,
  pre: Preprocessor,
  rawRow: ArrayLike<number>,
  info: FieldInfo | undefined,
): string {
  const unit = unitOf(c.field, info);
  const label = labelWithoutUnit(c.label);
  if (c.value === undefined) {
    const category = activeCategory(pre, c.field, rawRow);
    // No category set, or the recipe's "<COLUMN>_nan" column: the client did not give it.
    return category === undefined || category === 'nan'
      ? `${label} is not given`
      : `${label} is "${category}"`;
  }
  // A factorized column (CODE_GENDER, FLAG_OWN_*): its code means a category, not a number or yes/no.
  const category = typeof c.value === 'number' ? categoryPhrase(label, info, c.value) : undefined;
  if (category) return category;
  const shown = c.value === null ? undefined : showValue(c.value, unit);
  if (unit === 'employment' && !shown) return 'Not employed or pensioner';
  if (!shown) return `${label} is unknown`;
  if (c.percentile === undefined) {
    const binary = pre.features.find((f) => f.name === c.field)?.kind === 'binary';
    return binary ? `${label}: ${c.value === 1 ? 'yes' : 'no'}` : `${label} is ${shown.text}`;
  }
  // Share of clients whose shown value is lower (days before the application reverse the order).
  const below = shown.reversed ? 1 - c.percentile : c.percentile;
  const low = below < 0.5;
  const share = Math.round((low ? 1 - below : below) * 100);
  if (unit === 'age') return `Age: ${shown.text}, ${low ? 'younger' : 'older'} than ${share}% of clients`;
  if (unit === 'employment')
    return `Employed for ${shown.text}, ${low ? 'shorter' : 'longer'} than ${share}% of clients`;
  return `${label} is ${low ? 'low' : 'high'}: ${shown.text}, ${low ? 'lower' : 'higher'} than for ${share}% of clients`;
}

/** The one-hot category set to 1 in the client's row ("Higher education"), if any. */
function activeCategory(pre: Preprocessor, field: string, rawRow: ArrayLike<number>): string | undefined {
  const hit = pre.features.find((f) => f.name.startsWith(`${field}_`) && rawRow[f.index] === 1);
  return hit?.name.slice(field.length + 1);
}
