/**
 * computeDrift:
 *   match feature names (reference order) -> analyseFeature each -> prediction drift -> target drift
 *     -> dataset summary (share drifted, importance-weighted share) -> alert
 * (computeDriftParallel in parallel.ts runs the same per-feature step in worker threads.)
 */
import { chiSquareHomogeneity } from '../stats/chi-square.js';
import { MonitoringError } from '../errors.js';
import { analyseFeature } from './feature.js';
import type { DriftInput, DriftReport, FeatureDrift, FeatureKind, TargetDrift } from './types.js';

export function computeDrift(input: DriftInput): DriftReport {
  const pairs = matchFeatures(input);
  const features = pairs.map((p, i) => {
    const f = analyseFeature(p.name, p.reference, p.current, input.config, p.kind, p.importance);
    input.onProgress?.(i + 1, pairs.length);
    return f;
  });
  return summarise(input, features);
}

/** One feature's inputs, in reference order (what a worker thread gets in computeDriftParallel). */
export interface FeaturePair {
  name: string;
  reference: ArrayLike<number>;
  current: ArrayLike<number>;
  kind?: FeatureKind;
  importance?: number;
}

/** Every reference feature with its current column; a reference feature missing from current is an error. */
export function matchFeatures(input: DriftInput): FeaturePair[] {
  const { reference, current } = input;
  const currentIndex = new Map(current.names.map((n, i) => [n, i]));
  const missing = reference.names.filter((n) => !currentIndex.has(n));
  if (missing.length > 0)
    throw new MonitoringError(
      'E_DRIFT_FEATURES',
      `current data lacks ${missing.length} reference feature(s), e.g. ${missing.slice(0, 5).join(', ')}: build both with the same recipe`,
    );
  return reference.names.map((name, i) => ({
    name,
    reference: reference.columns[i]!,
    current: current.columns[currentIndex.get(name)!]!,
    kind: input.kinds?.[name],
    importance: input.importance?.[name],
  }));
}

/** Prediction and target drift, then the dataset summary and the alert, from the per-feature results. */
export function summarise(input: DriftInput, features: FeatureDrift[]): DriftReport {
  const { reference, current, config } = input;
  // 3. Prediction and target drift.
  const prediction =
    input.referencePredictions && input.currentPredictions
      ? analyseFeature('prediction', input.referencePredictions, input.currentPredictions, config, 'numeric')
      : null;
  const target =
    input.referenceTarget && input.currentTarget
      ? targetDrift(input.referenceTarget, input.currentTarget, config.pValue)
      : null;
  // 4. Summary.
  const drifted = features.filter((f) => f.drifted);
  const driftedShare = features.length ? drifted.length / features.length : 0;
  const weights = input.importance;
  let weightedDriftedShare: number | null = null;
  if (weights) {
    const total = features.reduce((s, f) => s + Math.abs(weights[f.name] ?? 0), 0);
    const hit = drifted.reduce((s, f) => s + Math.abs(weights[f.name] ?? 0), 0);
    weightedDriftedShare = total > 0 ? hit / total : 0;
  }
  const datasetDrift = driftedShare >= config.datasetDriftShare;
  const weightedDrift = weightedDriftedShare !== null && weightedDriftedShare >= config.weightedDriftShare;
  const predictionDrift = prediction ? prediction.drifted : null;
  const alert =
    (config.alertOnDatasetDrift && datasetDrift) ||
    (config.alertOnWeightedDrift && weightedDrift) ||
    (config.predictionDriftAlerts && predictionDrift === true);
  const topDrifted = [...drifted]
    .sort((a, b) => (b.importance ?? 0) - (a.importance ?? 0) || (b.psi ?? 0) - (a.psi ?? 0))
    .slice(0, config.topFeatures)
    .map((f) => f.name);
  return {
    formatVersion: 1,
    createdAt: (input.now?.() ?? new Date()).toISOString(),
    method: config.method,
    config,
    rows: { reference: reference.columns[0]?.length ?? 0, current: current.columns[0]?.length ?? 0 },
    summary: {
      features: features.length,
      driftedFeatures: drifted.length,
      driftedShare,
      datasetDrift,
      weightedDriftedShare,
      weightedDrift,
      predictionDrift,
      alert,
      topDrifted,
    },
    prediction,
    target,
    features,
  };
}

/** Realised default rate on labelled rows (target 0/1, NaN = unknown), chi-square on the 2 x 2 table. */
export function targetDrift(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  pValue: number,
): TargetDrift | null {
  const count = (t: ArrayLike<number>) => {
    let n = 0;
    let pos = 0;
    for (let i = 0; i < t.length; i++) {
      const v = t[i]!;
      if (Number.isNaN(v)) continue;
      n++;
      if (v === 1) pos++;
    }
    return { n, pos };
  };
  const r = count(reference);
  const c = count(current);
  if (r.n === 0 || c.n === 0) return null;
  const chi = chiSquareHomogeneity([r.pos, r.n - r.pos], [c.pos, c.n - c.pos]);
  return {
    referenceRate: r.pos / r.n,
    currentRate: c.pos / c.n,
    referenceLabelled: r.n,
    currentLabelled: c.n,
    chiSquare: chi.statistic,
    pValue: chi.pValue,
    drifted: chi.pValue < pValue,
  };
}
