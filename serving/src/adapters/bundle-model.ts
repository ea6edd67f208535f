import { percentileOf, type ScoringModel as Bundle, type FieldImportance } from '@credit/training';
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
      // The bundle words the strongest fields (e.reasons, same order and cut as reasons() below);
      // every other field gets a shorter sentence from its value and percentile.
      let worded = 0;
      return {
        baseline: e.baseline,
        output: e.output,
        contributions: e.contributions.map((c): FieldAttribution => {
          const direction = c.contribution >= 0 ? 'raises' : 'lowers';
          const strong = Math.abs(c.contribution) > MIN_CONTRIBUTION;
          const text = (strong ? e.reasons[worded++] : undefined) ?? plainSentence(c, direction, strong);
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

/** A sentence for a field beyond the bundle's top reasons (same wording style, no unit handling). */
function plainSentence(
  c: { label: string; value?: number | null; percentile?: number },
  direction: 'raises' | 'lowers',
  strong: boolean,
): string {
  const effect = strong ? `${direction} the risk` : 'has almost no effect on this decision';
  if (c.value === null) return `${c.label} is missing — ${effect}`;
  if (c.value === undefined) return `${c.label} — ${effect}`;
  const shown =
    Math.abs(c.value) >= 1000
      ? Math.round(c.value).toLocaleString('en-US')
      : String(Number(c.value.toPrecision(3)));
  if (c.percentile === undefined) return `${c.label} is ${shown} — ${effect}`;
  const share = Math.round(c.percentile * 100);
  return `${c.label} is ${shown}, higher than for ${share}% of clients — ${effect}`;
}
