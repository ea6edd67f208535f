/**
 * Redundancy check for the input selection (preprocess.ts selectInputs): a feature is redundant when the
 * Spearman rank correlation of its values with those of a feature already kept is above a limit. Near-copies
 * (a building statistic's AVG / MODE / MEDI, a history aggregate's MEAN and MAX) otherwise take several of the
 * `maxInputs` places with one piece of information. Ranks are computed on at most `sampleSize` of the given
 * (training) rows, evenly spaced, missing values at the feature's median, ties at their average rank.
 */
import { averageRanks } from './metrics.js';
import type { FeatureSpec } from './preprocess.js';

export interface RedundancyCheck {
  /** True when this feature correlates above the limit with a feature passed to keep(). */
  isRedundant(feature: number): boolean;
  keep(feature: number): void;
}

export function createRedundancyCheck(
  features: FeatureSpec[],
  columns: Float64Array[],
  rows: ArrayLike<number>,
  maxCorrelation: number,
  sampleSize = 5000,
): RedundancyCheck {
  const step = Math.max(1, Math.ceil(rows.length / sampleSize));
  const sample: number[] = [];
  for (let i = 0; i < rows.length; i += step) sample.push(rows[i]!);
  // Centred ranks scaled to unit norm (null: constant on the sample, never redundant), computed when needed.
  const vectors = new Map<number, Float64Array | null>();
  const vectorOf = (feature: number): Float64Array | null => {
    if (!vectors.has(feature)) vectors.set(feature, unitRanks(valuesOf(features[feature]!, columns, sample)));
    return vectors.get(feature)!;
  };
  const kept: Float64Array[] = [];
  return {
    isRedundant(feature) {
      const v = vectorOf(feature);
      if (!v) return false;
      return kept.some((k) => {
        let dot = 0;
        for (let i = 0; i < v.length; i++) dot += v[i]! * k[i]!;
        return Math.abs(dot) > maxCorrelation + 1e-9; // rounding: identical ranks give 1 + 2e-16
      });
    },
    keep(feature) {
      const v = vectorOf(feature);
      if (v) kept.push(v);
    },
  };
}

/** The values as selectInputs scores them: missing at the feature's median. */
function valuesOf(spec: FeatureSpec, columns: Float64Array[], sample: number[]): Float64Array {
  const column = columns[spec.index]!;
  return Float64Array.from(sample, (r) => (Number.isFinite(column[r]!) ? column[r]! : spec.median));
}

/** Average ranks, centred and scaled to unit norm (so a dot product is the Spearman correlation); null if constant. */
function unitRanks(values: Float64Array): Float64Array | null {
  const ranks = averageRanks(values);
  const mean = (values.length + 1) / 2;
  let norm = 0;
  for (let i = 0; i < ranks.length; i++) {
    ranks[i] = ranks[i]! - mean;
    norm += ranks[i]! ** 2;
  }
  if (norm === 0) return null;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < ranks.length; i++) ranks[i] = ranks[i]! * scale;
  return ranks;
}
