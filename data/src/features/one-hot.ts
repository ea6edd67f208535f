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

/** Distinct values of the (kept) rows, sorted by code point. */
export function fitCategories(col: CategoricalColumn, keep?: Uint8Array): string[] {
  const seen = usedCodes(col, keep);
  const out: string[] = [];
  seen.forEach((used, code) => {
    if (used) out.push(col.values[code]!);
  });
  // A Set: two invalid UTF-8 byte strings can decode to the same text.
  return [...new Set(out)].sort(compareCodePoints);
}

/** 1 for each dictionary code that some (kept) row holds: the dictionary may hold more. */
function usedCodes(col: CategoricalColumn, keep?: Uint8Array): Uint8Array {
  const seen = new Uint8Array(col.values.length);
  const codes = col.codes;
  for (let i = 0; i < codes.length; i++) {
    if (keep && keep[i] === 0) continue;
    const c = codes[i]!;
    if (c >= 0) seen[c] = 1;
  }
  return seen;
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
  // One lookup per distinct value, then one integer load per row.
  const byCode = Int32Array.from(col.values, (v) => index.get(v) ?? UNSEEN);
  const codes = col.codes;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    out[i] = c < 0 ? MISSING : byCode[c]!;
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
  if (isNumeric(col)) {
    for (let i = 0; i < col.length; i++) {
      if (keep && keep[i] === 0) continue;
      const v = col[i]!;
      if (!Number.isNaN(v)) seen.add(String(v));
    }
    return [...seen];
  }
  const codes = col.codes;
  const done = new Uint8Array(col.values.length);
  for (let i = 0; i < codes.length; i++) {
    if (keep && keep[i] === 0) continue;
    const c = codes[i]!;
    if (c < 0 || done[c] === 1) continue;
    done[c] = 1;
    seen.add(col.values[c]!);
  }
  return [...seen];
}
