/**
 * All aggregates of one column over contiguous groups, in one pass per group, with pandas' own
 * algorithms so results match bit for bit:
 *   sum, mean: Kahan-compensated summation over non-missing values (pandas group_sum / group_mean;
 *              compensation reset when it turns NaN, so ±Infinity survive); sum of nothing = 0,
 *              mean of nothing = missing.
 *   var:       Welford's update, divisor n - 1; fewer than 2 values = missing (pandas group_var).
 *   min, max:  skip missing; all missing = missing.
 *   size:      rows in the group, missing values included.
 *   nunique:   distinct non-missing values.
 */
import type { Grouping } from './group-by.js';

export type AggOp = 'min' | 'max' | 'mean' | 'sum' | 'var' | 'size' | 'nunique';

export const AGG_OPS: readonly AggOp[] = ['min', 'max', 'mean', 'sum', 'var', 'size', 'nunique'];

/** One output column per op (length = number of groups), in the order of `ops`. */
export function aggregateColumn(g: Grouping, values: Float64Array, ops: readonly AggOp[]): Float64Array[] {
  const ngroups = g.keys.length;
  const out = ops.map(() => new Float64Array(ngroups));
  const wantNunique = ops.includes('nunique');
  const scratch = wantNunique ? new Float64Array(maxGroupSize(g)) : new Float64Array(0);
  const { starts, order } = g;
  for (let grp = 0; grp < ngroups; grp++) {
    const from = starts[grp]!;
    const to = starts[grp + 1]!;
    let nobs = 0;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    let comp = 0;
    let mean = 0;
    let m2 = 0;
    let distinct = 0;
    for (let k = from; k < to; k++) {
      const v = values[order[k]!]!;
      if (v !== v) continue; // NaN = missing
      if (wantNunique) scratch[nobs] = v;
      nobs++;
      if (v < min) min = v;
      if (v > max) max = v;
      const y = v - comp;
      const t = sum + y;
      comp = t - sum - y;
      if (comp !== comp) comp = 0;
      sum = t;
      const oldMean = mean;
      mean += (v - oldMean) / nobs;
      m2 += (v - mean) * (v - oldMean);
    }
    if (wantNunique) distinct = countDistinct(scratch.subarray(0, nobs));
    for (let o = 0; o < ops.length; o++) {
      const col = out[o]!;
      switch (ops[o]!) {
        case 'min':
          col[grp] = nobs === 0 ? NaN : min;
          break;
        case 'max':
          col[grp] = nobs === 0 ? NaN : max;
          break;
        case 'mean':
          col[grp] = nobs === 0 ? NaN : sum / nobs;
          break;
        case 'sum':
          col[grp] = sum;
          break;
        case 'var':
          col[grp] = nobs <= 1 ? NaN : m2 / (nobs - 1);
          break;
        case 'size':
          col[grp] = to - from;
          break;
        case 'nunique':
          col[grp] = distinct;
          break;
      }
    }
  }
  return out;
}

/**
 * Mean per group of the 0/1 indicator of each code in `wanted` (a one-hot column's mean), for all of
 * them in one pass over the category codes, without making the indicator columns. The indicator has
 * no missing value, so pandas' mean is (Kahan sum of 0s and 1s = the exact count) / rows: this
 * computes count / rows, the same single rounding, so results are bit-identical.
 * Codes are >= -2 (MISSING = -1 and UNSEEN = -2 count like any other code).
 */
export function codeShares(g: Grouping, codes: Int32Array, wanted: readonly number[]): Float64Array[] {
  const ngroups = g.keys.length;
  const out = wanted.map(() => new Float64Array(ngroups));
  let limit = 0;
  for (const c of wanted) limit = Math.max(limit, c + 3);
  const counts = new Float64Array(limit);
  const { starts, order } = g;
  for (let grp = 0; grp < ngroups; grp++) {
    const from = starts[grp]!;
    const to = starts[grp + 1]!;
    for (let k = from; k < to; k++) {
      const slot = codes[order[k]!]! + 2;
      if (slot < limit) counts[slot]!++;
    }
    const rows = to - from;
    for (let w = 0; w < wanted.length; w++) out[w]![grp] = counts[wanted[w]! + 2]! / rows;
    counts.fill(0);
  }
  return out;
}

/** Rows per group, for the `size` aggregate without a column. */
export function groupSizes(g: Grouping): Float64Array {
  const out = new Float64Array(g.keys.length);
  for (let grp = 0; grp < out.length; grp++) out[grp] = g.starts[grp + 1]! - g.starts[grp]!;
  return out;
}

function maxGroupSize(g: Grouping): number {
  let m = 0;
  for (let grp = 0; grp < g.keys.length; grp++) m = Math.max(m, g.starts[grp + 1]! - g.starts[grp]!);
  return m;
}

function countDistinct(values: Float64Array): number {
  if (values.length === 0) return 0;
  values.sort();
  let n = 1;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) n++;
  return n;
}
