/**
 * Chi-square test of homogeneity on a 2 x k table (reference counts vs current counts per category),
 * df = k - 1 over the categories seen in either sample. Same statistic as scipy.stats.chi2_contingency
 * without Yates' correction.
 */
import { chiSquareSf } from './incomplete-gamma.js';

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  df: number;
}

export function chiSquareHomogeneity(reference: number[], current: number[]): ChiSquareResult {
  const nr = reference.reduce((s, v) => s + v, 0);
  const nc = current.reduce((s, v) => s + v, 0);
  const total = nr + nc;
  let statistic = 0;
  let k = 0;
  for (let i = 0; i < reference.length; i++) {
    const col = reference[i]! + current[i]!;
    if (col === 0) continue;
    k++;
    const er = (nr * col) / total;
    const ec = (nc * col) / total;
    statistic += (reference[i]! - er) ** 2 / er + (current[i]! - ec) ** 2 / ec;
  }
  const df = k - 1;
  if (df < 1 || nr === 0 || nc === 0) return { statistic: 0, pValue: 1, df: Math.max(df, 0) };
  return { statistic, pValue: chiSquareSf(statistic, df), df };
}
