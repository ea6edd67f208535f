/**
 * A categorical column stored as dictionary codes: `codes[i]` indexes `values` (-1 = missing).
 * Kaggle's text columns hold a handful of distinct values over millions of rows, so this costs 4 bytes
 * per cell instead of a string reference, and gives the garbage collector no per-cell object to walk.
 * It implements Arquero's column interface (length, at, iteration, toArray), so `aq.table` takes it
 * as is and `table.get`, `objects()`, `array()` and `reify()` see plain strings and nulls.
 */
export class CodedColumn {
  readonly length: number;

  constructor(
    /** Code of each row: an index into `values`, or -1 for a missing (empty) cell. */
    readonly codes: Int32Array,
    /** Distinct values in order of first appearance (may hold values of rows later rejected). */
    readonly values: readonly string[],
  ) {
    this.length = codes.length;
  }

  /** Codes a list of strings (missing = null or undefined). */
  static fromStrings(strings: ArrayLike<string | null | undefined>): CodedColumn {
    const index = new Map<string, number>();
    const values: string[] = [];
    const codes = new Int32Array(strings.length);
    for (let i = 0; i < strings.length; i++) {
      const v = strings[i];
      if (v === null || v === undefined) {
        codes[i] = -1;
        continue;
      }
      let code = index.get(v);
      if (code === undefined) {
        code = values.length;
        values.push(v);
        index.set(v, code);
      }
      codes[i] = code;
    }
    return new CodedColumn(codes, values);
  }

  at(row: number): string | null {
    const code = this.codes[row];
    return code === undefined || code < 0 ? null : this.values[code]!;
  }

  *[Symbol.iterator](): Iterator<string | null> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  toArray(): (string | null)[] {
    const out = new Array<string | null>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }
}
