/**
 * Redundancy check for the input selection (preprocess.ts selectInputs): a candidate input (a feature's value,
 * or its missing indicator) is redundant when its Spearman rank correlation with an input already kept is
 * above a limit. Near-copies (a building statistic's AVG / MODE / MEDI, and the one missing pattern those 47
 * columns share; a history aggregate's MEAN and MAX) otherwise take several of the `maxInputs` places with
 * one piece of information. Ranks are computed on at most `sampleSize` of the given (training) rows, evenly
 * spaced, missing values at the feature's median, ties at their average rank.
 */
import type { FeatureSpec } from './preprocess.js';

export type InputPart = 'value' | 'missing';

export interface RedundancyCheck {
  /** True when this input correlates above the limit with an input passed to keep(). */
  isRedundant(feature: number, part: InputPart): boolean;
  keep(feature: number, part: InputPart): void;
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
  const vectors = new Map<string, Float64Array | null>();
  const vectorOf = (feature: number, part: InputPart): Float64Array | null => {
    const key = `${feature}:${part}`;
    if (!vectors.has(key))
      vectors.set(key, unitRanks(inputValues(features[feature]!, columns, sample, part)));
    return vectors.get(key)!;
  };
  const kept: Float64Array[] = [];
  return {
    isRedundant(feature, part) {
      const v = vectorOf(feature, part);
      if (!v) return false;
      return kept.some((k) => {
        let dot = 0;
        for (let i = 0; i < v.length; i++) dot += v[i]! * k[i]!;
        return Math.abs(dot) > maxCorrelation + 1e-9; // rounding: identical ranks give 1 + 2e-16
      });
    },
    keep(feature, part) {
      const v = vectorOf(feature, part);
      if (v) kept.push(v);
    },
  };
}

/** The input as selectInputs scores it: the value with missing at the median, or the 0/1 missing flag. */
function inputValues(
  spec: FeatureSpec,
  columns: Float64Array[],
  sample: number[],
  part: InputPart,
): Float64Array {
  const column = columns[spec.index]!;
  return Float64Array.from(sample, (r) => {
    const known = Number.isFinite(column[r]!);
    if (part === 'missing') return known ? 0 : 1;
    return known ? column[r]! : spec.median;
  });
}

/** Average ranks, centred and scaled to unit norm (so a dot product is the Spearman correlation); null if constant. */
function unitRanks(values: Float64Array): Float64Array | null {
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    for (let t = i; t <= j; t++) ranks[order[t]!] = (i + j) / 2;
    i = j + 1;
  }
  const mean = (values.length - 1) / 2;
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
