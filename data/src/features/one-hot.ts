/**
 * pandas.get_dummies as the recipe uses it: one 0/1 column per fitted category, named
 * `<COL>_<value>` (value verbatim), categories in code-point order, then `<COL>_nan` when missing
 * values count as a category. A value the recipe has not seen gives zeros in the whole group.
 */
import type { CategoricalColumn, FrameColumn } from './frame.js';
import { isNumeric } from './frame.js';
import { compareCodePoints } from './recipe.js';

/** Code of a missing value; an unseen value gets UNSEEN. Categories have codes 0..k-1. */
export const MISSING = -1;
export const UNSEEN = -2;

export function fitCategories(col: CategoricalColumn, keep?: Uint8Array): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < col.length; i++) {
    if (keep && keep[i] === 0) continue;
    const v = col[i];
    if (v !== null && v !== undefined) seen.add(v);
  }
  return [...seen].sort(compareCodePoints);
}

export function oneHotNames(column: string, categories: readonly string[], withNan: boolean): string[] {
  const names = categories.map((c) => `${column}_${c}`);
  if (withNan) names.push(`${column}_nan`);
  return names;
}

/** Category code of every row (MISSING, UNSEEN or the index in `categories`). */
export function encode(col: FrameColumn, categories: readonly string[]): Int32Array {
  const index = new Map<string, number>();
  categories.forEach((c, i) => index.set(c, i));
  const out = new Int32Array(col.length);
  if (isNumeric(col)) {
    // A column the recipe saw as text but that arrived as numbers (e.g. all empty): use its text form.
    for (let i = 0; i < col.length; i++) {
      const v = col[i]!;
      out[i] = Number.isNaN(v) ? MISSING : (index.get(String(v)) ?? UNSEEN);
    }
    return out;
  }
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    out[i] = v === null || v === undefined ? MISSING : (index.get(v) ?? UNSEEN);
  }
  return out;
}

/** The 0/1 column of one code (MISSING for the `_nan` column). */
export function indicator(codes: Int32Array, code: number): Float64Array {
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] === code ? 1 : 0;
  return out;
}

/** Factorize codes by first appearance (pandas.factorize): missing values get none. */
export function fitFactorize(col: FrameColumn, keep?: Uint8Array): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < col.length; i++) {
    if (keep && keep[i] === 0) continue;
    const v = col[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    seen.add(String(v));
  }
  return [...seen];
}
