import { percentileOf, type Preprocessor } from './preprocess.js';
import type { FieldInfo } from './types.js';

export interface FieldContribution {
  field: string;
  label: string;
  /** Sum of the field's attributions, in logit units (positive raises the risk). */
  contribution: number;
  /** The client's value for the field when it has one numeric feature of the same name. */
  value?: number | null;
  /** Share of training clients with a lower value (0..1). */
  percentile?: number;
}

export interface GroupingInput {
  fieldOf: Record<string, string>;
  fieldInfo: Record<string, FieldInfo>;
}

/** Folds per-input attributions into business fields (one-hot and indicator columns go to their source). */
export function groupByField(
  pre: Preprocessor,
  attributions: Float64Array,
  rawRow: ArrayLike<number>,
  grouping: GroupingInput,
): FieldContribution[] {
  const sums = new Map<string, number>();
  pre.outputs.forEach((output, j) => {
    const field = grouping.fieldOf[output.feature] ?? output.feature;
    sums.set(field, (sums.get(field) ?? 0) + attributions[j]!);
  });
  const specs = new Map(pre.features.map((f) => [f.name, f]));
  return [...sums.entries()]
    .map(([field, contribution]) => {
      const entry: FieldContribution = {
        field,
        label: grouping.fieldInfo[field]?.label ?? field,
        contribution,
      };
      const spec = specs.get(field);
      if (spec) {
        const raw = rawRow[spec.index]!;
        entry.value = Number.isFinite(raw) ? raw : null;
        if (Number.isFinite(raw) && spec.kind === 'quantile') entry.percentile = percentileOf(spec, raw);
      }
      return entry;
    })
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}

/** Plain sentences for the strongest fields, e.g. "External score 2 is low: 0.12, lower than for 85% of clients — raises the risk". */
export function plainReasons(
  contributions: FieldContribution[],
  pre: Preprocessor,
  rawRow: ArrayLike<number>,
  count = 5,
): string[] {
  return contributions
    .filter((c) => Math.abs(c.contribution) > 1e-6)
    .slice(0, count)
    .map((c) => {
      const effect = c.contribution > 0 ? 'raises the risk' : 'lowers the risk';
      if (c.value === null) return `${c.label} is missing — ${effect}`;
      if (c.value !== undefined && c.percentile !== undefined) {
        const low = c.percentile < 0.5;
        const share = Math.round((low ? 1 - c.percentile : c.percentile) * 100);
        return `${c.label} is ${low ? 'low' : 'high'}: ${formatValue(c.value)}, ${low ? 'lower' : 'higher'} than for ${share}% of clients — ${effect}`;
      }
      if (c.value !== undefined) return `${c.label} is ${formatValue(c.value)} — ${effect}`;
      const category = activeCategory(pre, c.field, rawRow);
      return category ? `${c.label} is "${category}" — ${effect}` : `${c.label} — ${effect}`;
    });
}

function activeCategory(pre: Preprocessor, field: string, rawRow: ArrayLike<number>): string | undefined {
  const hit = pre.features.find((f) => f.name.startsWith(`${field}_`) && rawRow[f.index] === 1);
  return hit?.name.slice(field.length + 1);
}

function formatValue(v: number): string {
  return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(3)));
}
