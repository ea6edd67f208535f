/**
 * The column store the feature groups read: numeric columns as Float64Array (NaN = missing),
 * categorical columns as CodedColumn (dictionary codes, -1 = missing), the loaders' own layout, so
 * encoding a category is an integer lookup and no per-row string is touched. Built from an Arquero
 * table (batch) or from JSON rows (online), so both paths then run the same group code.
 */
import type { ColumnTable } from 'arquero';
import { DataError } from '../errors.js';
import { CodedColumn } from '../kaggle/coded-column.js';
import type { ColumnKind } from './recipe.js';

export type CategoricalColumn = CodedColumn;
export type FrameColumn = Float64Array | CategoricalColumn;

export interface Frame {
  nrows: number;
  /** Column names in table order. */
  names: string[];
  columns: Map<string, FrameColumn>;
}

export function isNumeric(col: FrameColumn): col is Float64Array {
  return col instanceof Float64Array;
}

/** Reads an Arquero table without copying its columns (filtered or ordered tables are reified first). */
export function frameFromTable(table: ColumnTable): Frame {
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const names = t.columnNames();
  const columns = new Map<string, FrameColumn>();
  for (const name of names) {
    const col = t.column(name) as unknown;
    columns.set(name, toFrameColumn(col, name));
  }
  return { nrows: t.numRows(), names, columns };
}

function toFrameColumn(col: unknown, name: string): FrameColumn {
  if (col instanceof Float64Array || col instanceof CodedColumn) return col;
  if (ArrayBuffer.isView(col)) return Float64Array.from(col as unknown as ArrayLike<number>);
  if (Array.isArray(col)) {
    const first = col.find((v) => v !== null && v !== undefined);
    if (first === undefined || typeof first === 'string')
      return CodedColumn.fromStrings(col as (string | null | undefined)[]);
    if (typeof first === 'number')
      return Float64Array.from(col, (v: unknown) => (typeof v === 'number' ? v : NaN));
  }
  throw new DataError(
    'FEATURE_COLUMN_TYPE',
    `Column ${name}: expected a Float64Array (numeric) or an array of strings (categorical); load the table with loadKaggleDir.`,
  );
}

/** Builds a frame from JSON rows, typing each column as the fitted recipe says. */
export function frameFromRows(
  rows: readonly Record<string, unknown>[],
  columns: readonly { name: string; kind: ColumnKind }[],
  table: string,
): Frame {
  const map = new Map<string, FrameColumn>();
  for (const { name, kind } of columns) {
    if (kind === 'numeric') {
      const col = new Float64Array(rows.length);
      rows.forEach((row, i) => (col[i] = toNumber(row[name], table, name)));
      map.set(name, col);
    } else {
      map.set(name, CodedColumn.fromStrings(rows.map((row) => toCategory(row[name]))));
    }
  }
  return { nrows: rows.length, names: columns.map((c) => c.name), columns: map };
}

function toNumber(v: unknown, table: string, field: string): number {
  if (v === null || v === undefined || v === '') return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = Number(v);
    if (!Number.isNaN(n) || v.trim().toLowerCase() === 'nan') return n;
  }
  throw new DataError(
    'FEATURE_FIELD_NOT_NUMERIC',
    `${table}.${field}: expected a number or null, got ${typeof v}; send the field as a number.`,
  );
}

function toCategory(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

/** A numeric column, or a column of missing values when the frame lacks it. */
export function numericColumn(frame: Frame, name: string): Float64Array {
  const col = frame.columns.get(name);
  if (col === undefined) return new Float64Array(frame.nrows).fill(NaN);
  if (isNumeric(col)) return col;
  // A text column where a number is expected: pandas would fail; we keep numbers we can read.
  const byCode = col.values.map((v) => (v === '' ? NaN : Number(v)));
  return Float64Array.from(col.codes, (c) => (c < 0 ? NaN : byCode[c]!));
}

/** Kind of a column as pandas would read it: text with at least one value = categorical. */
export function kindOf(col: FrameColumn): ColumnKind {
  if (isNumeric(col)) return 'numeric';
  const codes = col.codes;
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) return 'categorical';
  return 'numeric';
}

/** Concatenates frames row-wise (pandas append): columns of the first, then new ones of the next. */
export function stackFrames(frames: readonly Frame[]): Frame {
  const names: string[] = [];
  for (const f of frames) for (const n of f.names) if (!names.includes(n)) names.push(n);
  const nrows = frames.reduce((s, f) => s + f.nrows, 0);
  const columns = new Map<string, FrameColumn>();
  for (const name of names) {
    const parts = frames.map((f) => f.columns.get(name));
    const categorical = parts.some((p) => p !== undefined && !isNumeric(p) && kindOf(p) === 'categorical');
    if (categorical) {
      columns.set(name, stackCoded(frames, parts, nrows));
    } else {
      const out = new Float64Array(nrows);
      let at = 0;
      frames.forEach((f) => {
        out.set(numericColumn(f, name), at);
        at += f.nrows;
      });
      columns.set(name, out);
    }
  }
  return { nrows, names, columns };
}

/** Categorical parts stacked under one dictionary (a numeric or absent part gives missing values). */
function stackCoded(
  frames: readonly Frame[],
  parts: readonly (FrameColumn | undefined)[],
  nrows: number,
): CodedColumn {
  const values: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(nrows).fill(-1);
  let at = 0;
  frames.forEach((f, k) => {
    const p = parts[k];
    if (p && !isNumeric(p)) {
      const remap = Int32Array.from(p.values, (v) => {
        let code = index.get(v);
        if (code === undefined) {
          code = values.length;
          values.push(v);
          index.set(v, code);
        }
        return code;
      });
      const src = p.codes;
      for (let i = 0; i < f.nrows; i++) {
        const c = src[i]!;
        codes[at + i] = c < 0 ? -1 : remap[c]!;
      }
    }
    at += f.nrows;
  });
  return new CodedColumn(codes, values);
}
