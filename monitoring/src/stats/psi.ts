/**
 * Population Stability Index over reference quantile bins:
 *   PSI = sum_i (c_i - r_i) * ln(c_i / r_i)
 * r_i, c_i = share of reference / current non-missing values in bin i. An empty bin's share is raised
 * to `epsilon` (default 1e-4) so the log stays finite. Bins are (-inf, q1], (q1, q2], ..., (q_{k-1}, +inf)
 * with q_j the reference quantiles j/k (duplicates merged, so a column with few values gets fewer bins).
 */
export const PSI_EPSILON = 1e-4;

export interface PsiResult {
  psi: number;
  edges: number[];
  referenceShares: number[];
  currentShares: number[];
}

/** Quantile edges of sorted, NaN-free values (linear interpolation, numpy's default). */
export function quantileEdges(sorted: Float64Array, bins: number): number[] {
  const edges: number[] = [];
  const n = sorted.length;
  if (n === 0) return edges;
  for (let j = 1; j < bins; j++) {
    const pos = (j / bins) * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, n - 1);
    const q = sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
    if (edges.length === 0 || q > edges[edges.length - 1]!) edges.push(q);
  }
  return edges;
}

/** Share of values in each bin defined by `edges` (value <= edge goes left). */
export function binShares(values: ArrayLike<number>, edges: number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= edges[mid]!) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]!++;
    n++;
  }
  return counts.map((c) => (n === 0 ? 0 : c / n));
}

/** Number of values <= v in ascending `sorted` (NaN-free). */
function countAtMost(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * binShares for values already sorted ascending and NaN-free: one binary search per edge instead of
 * one per value (same counts, O(bins log n)).
 */
export function binSharesSorted(sorted: Float64Array, edges: number[]): number[] {
  const n = sorted.length;
  const shares: number[] = [];
  let below = 0;
  for (const edge of edges) {
    const upTo = countAtMost(sorted, edge);
    shares.push(n === 0 ? 0 : (upTo - below) / n);
    below = upTo;
  }
  shares.push(n === 0 ? 0 : (n - below) / n);
  return shares;
}

/** PSI of two share vectors (same bins). */
export function psiFromShares(reference: number[], current: number[], epsilon = PSI_EPSILON): number {
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i]!, epsilon);
    const c = Math.max(current[i]!, epsilon);
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}

/**
 * PSI of sorted reference values against current values. Pass `currentSorted: true` when the current
 * values are sorted and NaN-free too: the bins are then counted by binary search.
 */
export function psi(
  referenceSorted: Float64Array,
  current: ArrayLike<number>,
  bins = 10,
  epsilon = PSI_EPSILON,
  currentSorted = false,
): PsiResult {
  const edges = quantileEdges(referenceSorted, bins);
  const referenceShares = binSharesSorted(referenceSorted, edges);
  const currentShares =
    currentSorted && current instanceof Float64Array
      ? binSharesSorted(current, edges)
      : binShares(current, edges);
  return {
    psi: psiFromShares(referenceShares, currentShares, epsilon),
    edges,
    referenceShares,
    currentShares,
  };
}
