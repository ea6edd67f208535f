import {
  describeFieldValue,
  percentileOf,
  type ScoringModel as Bundle,
  type FieldImportance,
} from '@credit/training';
import type { FieldAttribution, Reason, ScoringModel } from '../deps.js';

export interface BundleModelOptions {
  /** Shown in responses and the decision log; defaults to the bundle's creation time and data hash. */
  version?: string;
  /** The bundle's reports/importance.json (training's permutation importance), for GET /v1/model. */
  importance?: FieldImportance[];
}

/** Smallest contribution (logit units) worth a reason; the bundle's plain sentences use the same cut. */
const MIN_CONTRIBUTION = 1e-6;

/** Same scale as the preprocessor's quantile transform (uniform [-0.5, 0.5] times 2√3 = unit variance). */
const UNIT_VARIANCE = 2 * Math.sqrt(3);

/** Adapts a trained bundle (@credit/training loadBundle) to what the API scores with. */
export function bundleScoringModel(bundle: Bundle, options: BundleModelOptions = {}): ScoringModel {
  const m = bundle.manifest;
  const specs = new Map(m.preprocessing.features.map((f) => [f.name, f]));
  const version = options.version ?? `${m.createdAt}#${m.trainingDataHash.slice(0, 12)}`;
  return {
    version,
    threshold: m.threshold,
    featureNames: m.featureNames,
    info: {
      metrics: m.metrics,
      fieldInfo: m.fieldInfo,
      costs: { falseNegative: m.cost.falseNegative, falsePositive: m.cost.falsePositive },
      globalImportance: [...(options.importance ?? [])]
        .sort((a, b) => b.aucDrop - a.aucDrop)
        .map((f) => {
          const label = m.fieldInfo[f.field]?.label ?? f.field;
          return {
            field: f.field,
            label,
            importance: f.aucDrop,
            text: `${label}: shuffling it lowers the AUC by ${f.aucDrop.toFixed(4)}`,
          };
        }),
    },
    predict: (row) => bundle.predictProba(row)[0]!,
    predictColumns: (columns) => bundle.predictColumns(columns),
    decide: (probability) => bundle.decide(probability),
    explain(row) {
      const e = bundle.explain(row);
      // Every field is worded as the bundle words its top reasons (units: "Age: 27 years, younger than 80%
      // of clients"); a field below the cut "has almost no effect on this decision".
      return {
        baseline: e.baseline,
        output: e.output,
        contributions: e.contributions.map((c): FieldAttribution => {
          const direction = c.contribution >= 0 ? 'raises' : 'lowers';
          const strong = Math.abs(c.contribution) > MIN_CONTRIBUTION;
          const effect = strong ? `${direction} the risk` : 'has almost no effect on this decision';
          const text = `${describeFieldValue(c, m.preprocessing, row, m.fieldInfo[c.field])} — ${effect}`;
          return {
            field: c.field,
            label: c.label,
            value: c.value ?? null,
            contribution: c.contribution,
            direction,
            text,
          };
        }),
      };
    },
    scale(feature, raw) {
      const spec = specs.get(feature);
      if (!spec) return undefined;
      const v = Number.isFinite(raw) ? raw : spec.median;
      return spec.kind === 'binary' ? v : (percentileOf(spec, v) - 0.5) * UNIT_VARIANCE;
    },
    reasons(row, top) {
      const explanation = bundle.explain(row);
      // explanation.reasons[i] describes the i-th contribution above the cut (same order, same filter).
      return explanation.contributions
        .filter((c) => Math.abs(c.contribution) > MIN_CONTRIBUTION)
        .slice(0, top)
        .map((c, i): Reason => {
          const direction = c.contribution >= 0 ? 'raises' : 'lowers';
          return {
            field: c.field,
            label: c.label,
            direction,
            contribution: c.contribution,
            text: explanation.reasons[i] ?? `${c.label} ${direction} the risk`,
          };
        });
    },
  };
}
