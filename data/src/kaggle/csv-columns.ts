/**
 * The loader's CSV parser: bytes in, typed columns out, with no per-row or per-cell object.
 *
 * Compared with the row parser (csv-rows.ts, which validation uses because it checks whole rows), each
 * cell is written straight into its column: numbers are parsed in the same pass that finds the end
 * of the cell (digits accumulated as they are scanned) into a Float64Array; text cells are hashed
 * while scanned and interned from their bytes (byte-interner.ts) into Int32Array codes. Quoting rules,
 * line numbers and the fault callbacks are the row parser's (quotes with "" escapes, commas and
 * newlines inside quotes, CRLF, a last row without newline, blank lines skipped).
 */
import { COMMA, CR, LF, QUOTE, readQuotedCell } from './quoted-cell.js';
import { ByteInterner, FNV_OFFSET, FNV_PRIME } from './byte-interner.js';
import { CodedColumn } from './coded-column.js';
import type { RowHandler } from './csv-rows.js';

export type ColumnFaults = Pick<RowHandler, 'invalid' | 'malformed'>;

export interface ParsedColumns {
  rows: number;
  /** Per column in file order: its Float64Array (NaN = empty) or its codes + dictionary. */
  columns: (Float64Array | CodedColumn)[];
}

const MAX_EXACT = 2 ** 53;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NO_NUMBERS = new Float64Array(0);
const NO_CODES = new Int32Array(0);

export class CsvColumnParser {
  /** Physical line of the next row (the header is line 1). */
  line = 2;
  rows = 0;
  private carry: Buffer | null = null;
  private capacity = 0;
  private pushedBytes = 0;
  private sized = false;
  private readonly isText: Uint8Array;
  /** One array per column; numeric columns use `numbers`, text columns `codes` (the other is empty). */
  private readonly numbers: Float64Array[];
  private readonly codes: Int32Array[];
  private readonly interners: ByteInterner[];

  /**
   * @param textBytesHint expected size of the CSV text (file size, or gzip's stored size): after the
   *   first chunk the columns are sized from it, so they are not regrown and copied many times.
   */
  constructor(
    isText: readonly boolean[],
    private readonly faults: ColumnFaults,
    private readonly textBytesHint = 0,
  ) {
    this.isText = Uint8Array.from(isText, (t) => (t ? 1 : 0));
    this.numbers = isText.map(() => NO_NUMBERS);
    this.codes = isText.map(() => NO_CODES);
    this.interners = isText.map(() => new ByteInterner());
    this.resize(1 << 12);
  }

  /** Parses every complete row of `chunk` (plus what was left from the previous one). */
  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.carry) {
      // Finish the carried row with the chunk's first line only, rather than copying the whole
      // chunk behind it; a row still open there (a newline inside quotes) falls back to the copy.
      const nl = chunk.indexOf(LF);
      const headEnd = nl < 0 ? chunk.length : nl + 1;
      const head = Buffer.concat([this.carry, chunk.subarray(0, headEnd)]);
      const done = this.parse(head, false);
      buf =
        done === head.length
          ? chunk.subarray(headEnd)
          : Buffer.concat([head.subarray(done), chunk.subarray(headEnd)]);
    }
    const used = this.parse(buf, false);
    this.carry = used < buf.length ? Buffer.from(buf.subarray(used)) : null;
    this.pushedBytes += chunk.length;
    if (!this.sized && this.rows > 0 && this.textBytesHint > 0) {
      this.sized = true;
      const perRow = (this.pushedBytes - (this.carry?.length ?? 0)) / this.rows;
      const expected = Math.ceil((this.textBytesHint / perRow) * 1.02) + 64;
      if (expected > this.capacity) this.resize(expected);
    }
  }

  /** Parses the last row, which may lack its newline. */
  end(): void {
    if (this.carry) this.parse(this.carry, true);
    this.carry = null;
  }

  /** The columns, trimmed to the rows read (a view when the spare room is small, else a copy). */
  finish(): ParsedColumns {
    const n = this.rows;
    const columns = Array.from(this.isText, (text, j) => {
      if (text) {
        const codes = trim(this.codes[j]!, n);
        this.codes[j] = NO_CODES;
        return new CodedColumn(codes, this.interners[j]!.values);
      }
      const values = trim(this.numbers[j]!, n);
      this.numbers[j] = NO_NUMBERS;
      return values;
    });
    return { rows: n, columns };
  }

  private resize(capacity: number): void {
    for (let j = 0; j < this.isText.length; j++) {
      if (this.isText[j]) {
        const next = new Int32Array(capacity);
        next.set(this.codes[j]!.subarray(0, Math.min(this.rows, capacity)));
        this.codes[j] = next;
      } else {
        const next = new Float64Array(capacity);
        next.set(this.numbers[j]!.subarray(0, Math.min(this.rows, capacity)));
        this.numbers[j] = next;
      }
    }
    this.capacity = capacity;
  }

  /** Returns how many bytes were consumed (complete rows only, unless `final`). */
  private parse(b: Buffer, final: boolean): number {
    const n = b.length;
    const ncol = this.isText.length;
    const isText = this.isText;
    const numbers = this.numbers;
    const codes = this.codes;
    const interners = this.interners;
    let pos = 0;
    while (pos < n) {
      let i = pos;
      let line = this.line;
      // A blank line (e.g. a trailing one) is not a row.
      if (b[i] === LF || b[i] === CR) {
        i++;
        if (b[i - 1] === CR && i < n && b[i] === LF) i++;
        else if (b[i - 1] === CR && i >= n && !final) return pos;
        this.line = line + 1;
        pos = i;
        continue;
      }
      if (this.rows === this.capacity) this.resize(this.capacity * 2);
      const row = this.rows;
      let col = 0;
      let skip = false;
      for (;;) {
        const s = i;
        const first = i < n ? b[i]! : -1;
        if (first === QUOTE) {
          // Quoted cell (rare in Kaggle's files): see quoted-cell.ts.
          const cell = readQuotedCell(b, i, n, final);
          if (cell.kind === 'incomplete') return pos;
          if (cell.kind === 'unclosed') {
            this.faults.malformed('quote', this.line, 'a quoted cell is never closed');
            return n;
          }
          line += cell.newlines;
          i = cell.end;
          if (cell.trailingText) {
            this.faults.malformed('quote', this.line, `text after a closing quote in cell ${col + 1}`);
            skip = true;
          }
          if (col < ncol) {
            if (isText[col]) codes[col]![row] = interners[col]!.internString(cell.text);
            else numbers[col]![row] = this.parseText(cell.text, col, line);
          }
        } else if (col < ncol && isText[col] === 0) {
          // Number: digits accumulate while the cell's end is searched (one pass over its bytes).
          let c = first;
          let sign = 1;
          if (c === 45 || c === 43) {
            if (c === 45) sign = -1;
            i++;
            c = i < n ? b[i]! : -1;
          }
          let m = 0;
          let digits = 0;
          let frac = 0;
          while (c >= 48 && c <= 57) {
            m = m * 10 + (c - 48);
            digits++;
            i++;
            c = i < n ? b[i]! : -1;
          }
          if (c === 46) {
            i++;
            c = i < n ? b[i]! : -1;
            while (c >= 48 && c <= 57) {
              m = m * 10 + (c - 48);
              digits++;
              frac++;
              i++;
              c = i < n ? b[i]! : -1;
            }
          }
          if (c === COMMA || c === LF || c === CR || (c === -1 && final)) {
            // m and 10^frac are both exact here, so one division rounds correctly (Clinger's fast path).
            if (digits > 0 && m <= MAX_EXACT && frac <= 22)
              numbers[col]![row] = sign * (frac === 0 ? m : m / POW10[frac]!);
            else if (i === s) numbers[col]![row] = NaN;
            else numbers[col]![row] = this.parseText(b.toString('latin1', s, i), col, line);
          } else if (c === -1) {
            return pos; // the chunk ends inside this row
          } else {
            // Exponent, stray character...: find the cell's end and let the checked path decide.
            while (i < n) {
              const d = b[i]!;
              if (d === COMMA || d === LF || d === CR) break;
              i++;
            }
            if (i >= n && !final) return pos;
            numbers[col]![row] = this.parseText(b.toString('latin1', s, i), col, line);
          }
        } else {
          // Text (or a surplus cell past the header's columns): hash while scanning, then intern.
          let h = FNV_OFFSET;
          while (i < n) {
            const d = b[i]!;
            if (d === COMMA || d === LF || d === CR) break;
            h = Math.imul(h ^ d, FNV_PRIME);
            i++;
          }
          if (i >= n && !final) return pos;
          if (col < ncol) codes[col]![row] = i === s ? -1 : interners[col]!.intern(b, s, i, h);
        }
        col++;
        if (i >= n) break; // end of data (final chunk)
        const c = b[i];
        if (c === COMMA) {
          i++;
          continue;
        }
        i++;
        if (c === CR && i < n && b[i] === LF) i++;
        else if (c === CR && i >= n && !final) return pos;
        break;
      }
      if (col !== ncol) {
        this.faults.malformed('field-count', this.line, `${col} fields where the header has ${ncol}`);
        skip = true;
      }
      if (!skip) this.rows++; // a skipped row's cells are overwritten by the next row
      this.line = line + 1;
      pos = i;
    }
    return pos;
  }

  private parseText(text: string, col: number, line: number): number {
    if (text === '') return NaN;
    if (NUMBER_TEXT.test(text)) return Number(text);
    return this.faults.invalid(col, text, line);
  }
}

/** The first `n` values: a view when at most 1/16 of the array would be wasted, else a copy. */
function trim<T extends Float64Array | Int32Array>(a: T, n: number): T {
  if (a.length === n) return a;
  return (a.length - n <= a.length / 16 ? a.subarray(0, n) : a.slice(0, n)) as T;
}
