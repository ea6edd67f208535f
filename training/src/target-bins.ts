import { percentileOf, withFeatures, type FeatureSpec, type Preprocessor } from './preprocess.js';

/**
 * Smallest slice, as a share of a feature's known training values. On the real sample (split 42, seed 42,
 * before the chi2 gate) 2% gave cost 0.5206 and 10% 0.5184 against 0.5183 for 5% (docs/training.md,
 * "Seventh round").
 */
export const MIN_LEAF_SHARE = 0.05;

/**
 * A cut is made only where it separates the classes clearly: Pearson chi2 of the split's 2 x 2 table at least
 * this (the best of many candidate cuts, so well above the 3.84 of a single test at 5%). Without it every
 * feature got its 8 slices, most of them following noise on weak features (731 inputs on a fold of the real
 * sample; 317 with it). Chosen once, a priori, then judged on 9 runs ("Seventh round"): cost 0.5150 against
 * 0.5164 without it.
 */
export const MIN_SPLIT_CHI2 = 16;

/**
 * Target-aware edges for the piecewise-linear encoding (Gorishniy et al. 2022, "On Embeddings for Numerical
 * Features in Tabular Deep Learning", PLE with tree bins): instead of `bins` equal slices of the percentile,
 * each quantile feature's slices are the leaves of a small univariate classification tree fitted on the
 * TRAINING rows (grown best-first on Gini, at most `bins` leaves, each holding at least `minLeafShare` of
 * the feature's known values, and a cut only where its chi2 reaches `minChi2`). The first layer then gets its
 * steps where the default rate changes, as a gradient-boosted tree does. Missing values are left out of the
 * tree (their indicator carries them).
 */
export function withTargetBins(
  pre: Preprocessor,
  columns: Float64Array[],
  rows: ArrayLike<number>,
  y: ArrayLike<number>,
  bins: number,
  minLeafShare = MIN_LEAF_SHARE,
  minChi2 = MIN_SPLIT_CHI2,
): Preprocessor {
  const buffers = { p: new Float64Array(rows.length), label: new Float64Array(rows.length) };
  const features = pre.features.map((spec): FeatureSpec => {
    if (spec.kind !== 'quantile' || spec.value === false || bins < 2) return spec;
    const edges = featureEdges(spec, columns[spec.index]!, rows, y, bins, minLeafShare, minChi2, buffers);
    return { ...spec, bins: edges.length - 1, edges };
  });
  return withFeatures(pre, features);
}

/**
 * One quantile feature's slice edges: `treeEdges` on the percentiles of its known values over `rows`
 * (missing values left out). `buffers` (rows.length long) saves an allocation per feature.
 */
export function featureEdges(
  spec: FeatureSpec,
  column: Float64Array,
  rows: ArrayLike<number>,
  y: ArrayLike<number>,
  bins: number,
  minLeafShare = MIN_LEAF_SHARE,
  minChi2 = MIN_SPLIT_CHI2,
  buffers = { p: new Float64Array(rows.length), label: new Float64Array(rows.length) },
): number[] {
  const { p, label } = buffers;
  let count = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = column[rows[r]!]!;
    if (!Number.isFinite(v)) continue;
    p[count] = percentileOf(spec, v);
    label[count++] = y[r]!;
  }
  return treeEdges(p.subarray(0, count), label.subarray(0, count), bins, minLeafShare, minChi2);
}

interface Leaf {
  start: number;
  end: number;
  split: number; // first position of the right part; -1 = no split allowed
  gain: number;
}

/**
 * Percentile edges 0 = e0 < e1 < ... < 1 of a best-first Gini tree on (p, label), sorted by p here; a leaf is
 * split only if its best cut's chi2 reaches `minChi2`.
 */
export function treeEdges(
  p: Float64Array,
  label: Float64Array,
  maxLeaves: number,
  minLeafShare: number,
  minChi2 = 0,
): number[] {
  const n = p.length;
  // Sorted values and running default counts, from the two classes sorted apart (native typed-array sorts)
  // and merged: the tree's split search reads any segment's defaults in O(1).
  const defaults = p.filter((_, i) => label[i] === 1).sort();
  const repaid = p.filter((_, i) => label[i] !== 1).sort();
  const sortedP = new Float64Array(n);
  const positives = new Float64Array(n + 1);
  for (let i = 0, d = 0, r = 0; i < n; i++) {
    const takeDefault = r >= repaid.length || (d < defaults.length && defaults[d]! <= repaid[r]!);
    sortedP[i] = takeDefault ? defaults[d++]! : repaid[r++]!;
    positives[i + 1] = positives[i]! + (takeDefault ? 1 : 0);
  }
  const minLeaf = Math.max(1, Math.ceil(minLeafShare * n));
  const impurity = (start: number, end: number) => {
    const m = end - start;
    if (m === 0) return 0;
    const q = (positives[end]! - positives[start]!) / m;
    return m * 2 * q * (1 - q);
  };
  const bestSplit = (start: number, end: number): Leaf => {
    const parent = impurity(start, end);
    let split = -1;
    let gain = 1e-12; // a split must lower the impurity
    for (let s = start + minLeaf; s <= end - minLeaf; s++) {
      if (sortedP[s] === sortedP[s - 1]) continue; // equal values stay on one side
      const g = parent - impurity(start, s) - impurity(s, end);
      if (g > gain) {
        gain = g;
        split = s;
      }
    }
    // The split's Pearson chi2 for its 2 x 2 table (leaf side x class) is m * gain / parent impurity.
    if (split >= 0 && ((end - start) * gain) / parent < minChi2) split = -1;
    return { start, end, split, gain };
  };
  const leaves = [bestSplit(0, n)];
  while (leaves.length < maxLeaves) {
    let best = -1;
    leaves.forEach((leaf, i) => {
      if (leaf.split >= 0 && (best < 0 || leaf.gain > leaves[best]!.gain)) best = i;
    });
    if (best < 0) break;
    const { start, end, split } = leaves[best]!;
    leaves.splice(best, 1, bestSplit(start, split), bestSplit(split, end));
  }
  // A split replaces its leaf by its two halves in place, so the leaves stay in order of p.
  const cuts = leaves.slice(1).map((leaf) => (sortedP[leaf.start - 1]! + sortedP[leaf.start]!) / 2);
  return [0, ...cuts, 1];
}
