/**
 * First Wasserstein distance between two empirical distributions (integral of |F1 - F2|), and
 * Evidently's "normed" variant: divided by the reference's standard deviation (ddof 0).
 */
export function wasserstein(xSorted: Float64Array, ySorted: Float64Array): number {
  const n1 = xSorted.length;
  const n2 = ySorted.length;
  if (n1 === 0 || n2 === 0) return NaN;
  let i = 0;
  let j = 0;
  let prev = Math.min(xSorted[0]!, ySorted[0]!);
  let total = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && xSorted[i]! <= ySorted[j]!) ? xSorted[i]! : ySorted[j]!;
    total += Math.abs(i / n1 - j / n2) * (v - prev);
    while (i < n1 && xSorted[i]! <= v) i++;
    while (j < n2 && ySorted[j]! <= v) j++;
    prev = v;
  }
  return total;
}

export function standardDeviation(values: Float64Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return Math.sqrt(ss / values.length);
}

export function wassersteinNormed(xSorted: Float64Array, ySorted: Float64Array): number {
  const sd = standardDeviation(xSorted);
  const w = wasserstein(xSorted, ySorted);
  return sd > 0 ? w / sd : w === 0 ? 0 : Infinity;
}
