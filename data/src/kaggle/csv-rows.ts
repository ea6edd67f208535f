/**
 * A streaming CSV row parser over bytes: quotes ("" escapes, commas and newlines inside quotes), CRLF,
 * a last row without newline. Numbers are parsed straight from the bytes, text cells become strings;
 * one scratch row is reused, so parsing allocates nothing per row except the text cells themselves.
 * It knows nothing of files or schemas: read-file.ts feeds it chunks and turns its callbacks into errors.
 */

import { COMMA, CR, LF, QUOTE, readQuotedCell } from './quoted-cell.js';

export interface RowHandler {
  /** A complete data row; `numbers`/`texts` are reused scratch arrays (copy what you keep). */
  row(numbers: Float64Array, texts: (string | null)[], line: number): void;
  /** A number cell that does not parse: throw, or return the value to store (e.g. NaN). */
  invalid(column: number, raw: string, line: number): number;
  /** A structural fault (wrong field count, bad quoting): throw, or return to skip the row. */
  malformed(problem: 'field-count' | 'quote', line: number, detail: string): void;
}

const MAX_EXACT = 2 ** 53;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export class CsvRowParser {
  /** Physical line of the next row (the header is line 1). */
  line = 2;
  rows = 0;
  private carry: Buffer | null = null;
  private readonly numbers: Float64Array;
  private readonly texts: (string | null)[];

  constructor(
    private readonly isText: readonly boolean[],
    private readonly handler: RowHandler,
  ) {
    this.numbers = new Float64Array(isText.length);
    this.texts = new Array<string | null>(isText.length).fill(null);
  }

  /** Parses every complete row of `chunk` (plus what was left from the previous one). */
  push(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const used = this.parse(buf, false);
    this.carry = used < buf.length ? Buffer.from(buf.subarray(used)) : null;
  }

  /** Parses the last row, which may lack its newline. */
  end(): void {
    if (this.carry) this.parse(this.carry, true);
    this.carry = null;
  }

  /** Returns how many bytes were consumed (complete rows only, unless `final`). */
  private parse(b: Buffer, final: boolean): number {
    const n = b.length;
    const ncol = this.isText.length;
    const isText = this.isText;
    const numbers = this.numbers;
    const texts = this.texts;
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
      let col = 0;
      let skip = false;
      for (;;) {
        const s = i;
        if (b[i] === QUOTE) {
          // Quoted cell (rare in Kaggle's files): see quoted-cell.ts.
          const cell = readQuotedCell(b, i, n, final);
          if (cell.kind === 'incomplete') return pos;
          if (cell.kind === 'unclosed') {
            this.handler.malformed('quote', this.line, 'a quoted cell is never closed');
            return n;
          }
          line += cell.newlines;
          i = cell.end;
          if (cell.trailingText) {
            this.handler.malformed('quote', this.line, `text after a closing quote in cell ${col + 1}`);
            skip = true;
          }
          if (col < ncol) {
            if (isText[col]) texts[col] = cell.text;
            else numbers[col] = this.parseText(cell.text, col, line);
          }
        } else {
          while (i < n) {
            const c = b[i];
            if (c === COMMA || c === LF || c === CR) break;
            i++;
          }
          if (i >= n && !final) return pos;
          if (col < ncol) {
            if (isText[col]) texts[col] = i === s ? null : b.toString('utf8', s, i);
            else numbers[col] = this.parseBytes(b, s, i, col, line);
          }
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
        this.handler.malformed('field-count', this.line, `${col} fields where the header has ${ncol}`);
        skip = true;
      }
      if (!skip) {
        this.rows++;
        this.handler.row(numbers, texts, this.line);
      }
      this.line = line + 1;
      pos = i;
    }
    return pos;
  }

  /** Parses a decimal number from bytes; empty = NaN. Exact fast path, else Number() on checked text. */
  private parseBytes(b: Buffer, s: number, e: number, col: number, line: number): number {
    if (s === e) return NaN;
    let i = s;
    let sign = 1;
    if (b[i] === 45) {
      sign = -1;
      i++;
    } else if (b[i] === 43) i++;
    let m = 0;
    let frac = 0;
    let digits = 0;
    let dot = false;
    for (; i < e; i++) {
      const c = b[i] as number;
      if (c >= 48 && c <= 57) {
        m = m * 10 + (c - 48);
        digits++;
        if (dot) frac++;
      } else if (c === 46 && !dot) dot = true;
      else break;
    }
    // m and 10^frac are both exact here, so one division rounds correctly (Clinger's fast path).
    if (i === e && digits > 0 && m <= MAX_EXACT && frac <= 22)
      return sign * (frac === 0 ? m : m / POW10[frac]!);
    return this.parseText(b.toString('latin1', s, e), col, line);
  }

  private parseText(text: string, col: number, line: number): number {
    if (text === '') return NaN;
    if (NUMBER_TEXT.test(text)) return Number(text);
    return this.handler.invalid(col, text, line);
  }
}
