import { rocAuc } from './metrics.js';
import { percentileOf, type FeatureSpec } from './preprocess.js';
import { featureEdges } from './target-bins.js';

/**
 * How well a step function of the feature separates the classes on the given (training) rows: |ROC AUC −
 * 0.5| of the default rate of each row's leaf, the leaves being those of the same gated univariate tree
 * that places the target-aware slices (target-bins.ts), fitted on the known values. A plain AUC sees only
 * monotone effects; a risk that is high at both ends (a loan's term, its amount) scores near 0 there and
 * this way scores for what the network can draw from it. Missing values count in the leaf of the
 * feature's median, as the value input sees them (their indicator is scored apart). 0 when the tree
 * makes no cut, which the chi2 gate leaves to noise.
 */
export function stepFunctionScore(
  spec: FeatureSpec,
  column: Float64Array,
  rows: ArrayLike<number>,
  y: ArrayLike<number>,
  bins: number,
): number {
  if (spec.kind !== 'quantile' || bins < 2) return 0;
  const edges = featureEdges(spec, column, rows, y, bins);
  if (edges.length <= 2) return 0;
  const leafOf = (p: number) => {
    let lo = 0;
    let hi = edges.length - 2; // the last leaf
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (p >= edges[mid]!) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const leaves = edges.length - 1;
  const defaults = new Float64Array(leaves);
  const counts = new Float64Array(leaves);
  const leaf = Int32Array.from(rows, (row) => {
    const v = column[row]!;
    return leafOf(percentileOf(spec, Number.isFinite(v) ? v : spec.median));
  });
  leaf.forEach((k, r) => {
    defaults[k]! += y[r]!;
    counts[k]!++;
  });
  const rate = Float64Array.from(leaf, (k) => defaults[k]! / counts[k]!);
  return Math.abs(rocAuc(y, rate) - 0.5);
}
