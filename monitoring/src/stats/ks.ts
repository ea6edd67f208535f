/**
 * Two-sample Kolmogorov-Smirnov test, two-sided, as scipy.stats.ks_2samp in its default mode ('auto'):
 *
 *   sort both -> D = max |F1 - F2| over the pooled values (ties handled as searchsorted 'right')
 *     -> max(n1, n2) <= 10000 ? exact lattice-path probability (D rounded to h / lcm like scipy)
 *                              : kstwo.sf(D, round(n1 n2 / (n1 + n2)))
 *
 * NaN values must be removed by the caller.
 */
import { kolmogorovSf } from './kolmogorov.js';

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

/** scipy's MAX_AUTO_N: above this sample size 'auto' uses the asymptotic distribution. */
export const KS_MAX_EXACT_N = 10000;

export function ks2samp(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  return ks2sampSorted(x, y);
}

/** Same as ks2samp for inputs already sorted ascending (saves the sort on large columns). */
export function ks2sampSorted(x: Float64Array, y: Float64Array): KsResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) return { statistic: NaN, pValue: NaN, method: 'exact' };
  let d = maxEcdfGap(x, y);
  if (Math.max(n1, n2) <= KS_MAX_EXACT_N) {
    const exact = exactPValue(n1, n2, d);
    if (exact) return { statistic: exact.d, pValue: exact.p, method: 'exact' };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = roundHalfEven((m * n) / (m + n));
  d = Math.min(1, Math.max(0, d));
  return { statistic: d, pValue: kolmogorovSf(en, d), method: 'asymp' };
}

/** max(max(F1 - F2), clip(-min(F1 - F2), 0, 1)) evaluated at every pooled value. */
function maxEcdfGap(x: Float64Array, y: Float64Array): number {
  const n1 = x.length;
  const n2 = y.length;
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minS = Infinity;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    while (i < n1 && x[i]! <= v) i++;
    while (j < n2 && y[j]! <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const negMin = Math.min(1, Math.max(0, -minS));
  return negMin > maxS ? negMin : maxS;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** scipy's _attempt_exact_2kssamp; undefined when the computation fails (then asymptotic). */
function exactPValue(n1: number, n2: number, d: number): { d: number; p: number } | undefined {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const dRounded = h / lcm;
  if (h === 0) return { d: dRounded, p: 1 };
  const p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  if (!Number.isFinite(p) || p < 0 || p > 1) return undefined;
  return { d: dRounded, p };
}

/** P(D_{n,n} >= h/n) by Hodges' alternating series in Horner form. */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/** 1 - proportion of lattice paths staying strictly inside |x/m - y/n| < h/lcm (Viehmann's recursion). */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 >= n0 ? [m0, n0] : [n0, m0];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  for (let t = minj; t < maxj; t++) A[t] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1]!;
}
