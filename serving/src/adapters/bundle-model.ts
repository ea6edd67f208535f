import type { ScoringModel as Bundle, FieldImportance } from '@credit/training';
import type { Reason, ScoringModel } from '../deps.js';

export interface BundleModelOptions {
  /** Shown in responses and the decision log; defaults to the bundle's creation time and data hash. */
  version?: string;
  /** The bundle's reports/importance.json (training's permutation importance), for GET /v1/model. */
  importance?: FieldImportance[];
}

/** Smallest contribution (logit units) worth a reason; the bundle's plain sentences use the same cut. */
const MIN_CONTRIBUTION = 1e-6;

/** Adapts a trained bundle (@credit/training loadBundle) to what the API scores with. */
export function bundleScoringModel(bundle: Bundle, options: BundleModelOptions = {}): ScoringModel {
  const m = bundle.manifest;
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
