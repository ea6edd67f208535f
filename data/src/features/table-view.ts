/**
 * One input table seen through the fitted recipe: numeric columns by name, one-hot columns made on
 * demand (one at a time, so a 27M-row table never holds all of them), and the columns the recipe
 * expects but the data lacks reported as warnings.
 */
import type { Frame } from './frame.js';
import { numericColumn } from './frame.js';
import { encode, indicator, MISSING, oneHotNames } from './one-hot.js';
import type { TableRecipe } from './recipe.js';

export class TableView {
  readonly nrows: number;
  private readonly codes = new Map<string, Int32Array>();
  /** One-hot output name -> [source column, code]. */
  private readonly oneHotIndex = new Map<string, [string, number]>();
  private readonly derived = new Map<string, Float64Array>();

  constructor(
    readonly frame: Frame,
    readonly recipe: TableRecipe,
    readonly withNan: boolean,
  ) {
    this.nrows = frame.nrows;
    for (const col of this.categoricalColumns()) {
      const cats = recipe.categories[col] ?? [];
      oneHotNames(col, cats, withNan).forEach((name, i) =>
        this.oneHotIndex.set(name, [col, i < cats.length ? i : MISSING]),
      );
    }
  }

  categoricalColumns(): string[] {
    return this.recipe.columns.filter((c) => c.kind === 'categorical').map((c) => c.name);
  }

  numericColumns(): string[] {
    return this.recipe.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  }

  /** One-hot output names: grouped by source column in table order, categories sorted, then `_nan`. */
  oneHotNames(): string[] {
    return [...this.oneHotIndex.keys()];
  }

  /** Category codes of a categorical column (computed once). */
  codesOf(column: string): Int32Array {
    let c = this.codes.get(column);
    if (!c) {
      const col = this.frame.columns.get(column);
      c = col ? encode(col, this.recipe.categories[column] ?? []) : new Int32Array(this.nrows).fill(MISSING);
      this.codes.set(column, c);
    }
    return c;
  }

  /** Rows whose `column` equals `value` (pandas: one-hot column == 1); none if never fitted. */
  rowsWhere(column: string, value: string): Uint8Array {
    const keep = new Uint8Array(this.nrows);
    const code = (this.recipe.categories[column] ?? []).indexOf(value);
    if (code < 0) return keep;
    const codes = this.codesOf(column);
    for (let i = 0; i < this.nrows; i++) keep[i] = codes[i] === code ? 1 : 0;
    return keep;
  }

  /** [source column, code] of a one-hot output name (code MISSING for `_nan`), if it is one. */
  oneHotSource(name: string): [string, number] | undefined {
    return this.oneHotIndex.get(name);
  }

  /** Codes of the source column and the code of a one-hot output name (kernel ColumnSource). */
  oneHot(name: string): { source: string; codes: Int32Array; code: number } | undefined {
    if (this.derived.has(name)) return undefined;
    const hot = this.oneHotIndex.get(name);
    return hot ? { source: hot[0], codes: this.codesOf(hot[0]), code: hot[1] } : undefined;
  }

  setDerived(name: string, values: Float64Array): void {
    this.derived.set(name, values);
  }

  /** A numeric, derived or one-hot column by its output name (missing values if absent). */
  column(name: string): Float64Array {
    const d = this.derived.get(name);
    if (d) return d;
    const hot = this.oneHotIndex.get(name);
    if (hot) return indicator(this.codesOf(hot[0]), hot[1]);
    return numericColumn(this.frame, name);
  }
}

/** Copy of a column with `code` (e.g. 365243 in DAYS_*) replaced by missing; the input is not changed. */
export function replaceWithMissing(col: Float64Array, code: number): Float64Array {
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) out[i] = col[i] === code ? NaN : col[i]!;
  return out;
}
