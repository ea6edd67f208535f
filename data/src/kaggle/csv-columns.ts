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
import { ByteInterner, FNV_OFFSET, FNV_PRIME, viewOf } from './byte-interner.js';
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
/** Most rows a column can hold (a Smi, so row counts stay small integers). */
const MAX_ROWS = 2 ** 30 - 1;

/**
 * The parser's first run in a process sees a few hundred rows of every kind of cell (numbers small
 * and beyond 2^31, decimals, exponents, empty cells, text, quoted text with and without "" escapes
 * or newlines, CRLF, a blank line, 36 distinct values) and grows its columns, before any real
 * data. So the type feedback V8 optimizes the hot loop from is complete, and every field that will
 * ever be reassigned already has been: without this the first optimized code is thrown away (a
 * field assumed constant, the first number over 2^31, the first quoted cell), and each time costs a
 * recompile and megabytes parsed in the interpreter meanwhile. The rare kinds of cell come once in
 * many rows and the rows one call each, so the rare paths are seen (no deoptimization) but not
 * often enough for V8 to inline them into the hot loop (which would make it slower to compile).
 */
let warmedUp = false;
function warmUp(): void {
  warmedUp = true;
  const rows: string[] = [];
  for (let k = 0; k < 600; k++) {
    const rare = (k % 60) - 20; // first after 20 plain rows: V8 records feedback from then on
    rows.push(
      `${100000 + k},${k % 7 === 0 ? '' : -k * 3},Cash loans,${k * 12345.678},"Stone, brick",` +
        `${(k * 45686290.909).toFixed(3)},${k % 3 ? 'XNA' : ''},0.${k % 10}18801,` +
        `${rare === 1 ? '"say ""hi"""' : rare === 2 ? '"two\nlines"' : `N${k % 2}`},` +
        `${rare === 3 ? '1.5E-3' : rare === 4 ? '9007199254740993' : rare === 5 ? '"2"' : '+7'},` +
        `value ${k % 36},${k % 3 ? '' : k % 4 ? 'ZZ' : '"Q"'},${k % 5 ? '' : k}${rare === 6 ? '\r\n\n' : '\n'}`,
    );
  }
  const ignore: ColumnFaults = { invalid: () => NaN, malformed: () => undefined };
  const isText = [false, false, true, false, true, false, true, false, true, false, true, true, false];
  const bytes = rows.reduce((sum, row) => sum + row.length, 0);
  // A size hint for fewer rows than it holds, so the columns are sized and then grow inside the
  // loop (a real file only does when the first rows are unusually long).
  const p = new CsvColumnParser(isText, ignore, bytes >> 4);
  // The first 270 rows in one piece, then one row per call.
  p.push(Buffer.from(rows.slice(0, 270).join('')));
  for (const row of rows.slice(270)) p.push(Buffer.from(row));
  p.end();
  p.finish();
}

/** Rows the columns hold until the first chunk tells how many the file has. */
const INITIAL_ROWS = 256;
/** Room for two read chunks; grown if a row (a long quoted cell) does not fit. */
const WORK_BYTES = 2 << 20;
/** Spare bytes after the data in the work buffer: a four-byte read may start at its last byte. */
const SLACK = 8;
/** Bytes per call of the parser (see push). */
const PIECE = 1 << 16;
/**
 * Over the first COLD_BYTES, pieces of COLD_PIECE bytes (a row or a few): when V8's optimized code
 * for the parser is installed, the call then running unoptimized ends within microseconds, so V8
 * does not also compile an on-stack-replacement version for it (a second compile of the same size,
 * all CPU time spent for nothing).
 */
const COLD_BYTES = 4 << 20;
const COLD_PIECE = 512;
/** Bytes of the first chunk whose rows are counted to size the columns. */
const SAMPLE_BYTES = 1 << 16;

export class CsvColumnParser {
  /** Physical line of the next row (the header is line 1). */
  line = 2;
  rows = 0;
  /**
   * Bytes still to parse: an unfinished row carried from the previous chunk at work[0..held), then
   * the new chunk. Each parse stops after the last line feed of what it is given, so every unquoted
   * cell ends with a comma, CR or LF inside the buffer and the per-byte loops need no bounds check.
   */
  private work: Buffer = Buffer.allocUnsafe(WORK_BYTES);
  /** `work` as a DataView, for reading text cells four bytes at a time. */
  private view: DataView = viewOf(this.work);
  private held = 0;
  private capacity = 0;
  private parsedBytes = 0;
  private sized = false;
  private readonly ncol: number;
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
    if (!warmedUp) warmUp();
    this.ncol = isText.length;
    this.isText = Uint8Array.from(isText, (t) => (t ? 1 : 0));
    this.numbers = isText.map(() => NO_NUMBERS);
    this.codes = isText.map(() => NO_CODES);
    this.interners = isText.map(() => new ByteInterner());
    this.resize(INITIAL_ROWS);
  }

  /** Parses every complete row of `chunk` (plus what was left from the previous one). */
  push(chunk: Uint8Array): void {
    const held = this.held;
    const len = held + chunk.length;
    if (len + SLACK > this.work.length) this.growWork(len + SLACK);
    const w = this.work;
    w.set(chunk, held);
    let end = len - 1;
    while (end >= held && w[end] !== LF) end--;
    if (end < held) {
      this.held = len; // no line feed yet: the row goes on in the next chunk
      return;
    }
    // Parsed in pieces of about PIECE bytes, each ending after a line feed: while the JIT compiles
    // the parser, the next call picks up the optimized code instead of finishing a whole chunk in the
    // interpreter (or waiting for a second, on-stack-replacement compile).
    if (!this.sized && this.textBytesHint > 0) this.sizeColumns(w, end + 1);
    const piece = this.parsedBytes < COLD_BYTES ? COLD_PIECE : PIECE;
    let used = 0;
    for (;;) {
      let stop = end;
      if (end - used > piece) {
        const k = w.indexOf(LF, used + piece);
        if (k >= 0 && k < end) stop = k;
      }
      const next = this.parse(w, used, stop + 1, false);
      if (next <= stop) {
        // A quoted cell runs on past the piece: retry on the whole rest, else carry the row over.
        used = stop < end ? this.parse(w, next, end + 1, false) : next;
        break;
      }
      used = next;
      if (used > end) break;
    }
    this.parsedBytes += used;
    if (used < len) w.copyWithin(0, used, len);
    this.held = len - used;
  }

  /** Parses the last row, which may lack its newline. */
  end(): void {
    const held = this.held;
    this.held = 0;
    if (held === 0) return;
    if (held + 1 + SLACK > this.work.length) this.growWork(held + 1 + SLACK);
    this.work[held] = LF; // the last row's missing line feed
    this.parse(this.work, 0, held + 1, true);
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

  /**
   * Sizes the columns once, before the first rows are parsed, for the rows the file should hold:
   * its size over the mean row length of the first SAMPLE_BYTES (line feeds counted natively), with
   * 5% to spare, so they are neither regrown nor copied (trim keeps a view when they end near full).
   */
  private sizeColumns(b: Buffer, n: number): void {
    this.sized = true;
    const sample = Math.min(n, SAMPLE_BYTES);
    let lines = 0;
    for (let k = b.indexOf(LF, 0); k >= 0 && k < sample; k = b.indexOf(LF, k + 1)) lines++;
    const perRow = sample / Math.max(lines, 1);
    const expected = Math.min(Math.ceil((this.textBytesHint / perRow) * 1.05) + 64, MAX_ROWS);
    if (expected > this.capacity) this.resize(expected);
  }

  private growWork(len: number): void {
    const next = Buffer.allocUnsafe(Math.max(len, this.work.length * 2));
    this.work.copy(next, 0, 0, this.held);
    this.work = next;
    this.view = viewOf(next);
  }

  private resize(rows: number): void {
    const capacity = rows | 0; // a small integer: the field keeps one representation for the JIT
    for (let j = 0; j < this.ncol; j++) {
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

  /**
   * Parses the rows of b[from..n), which ends with a line feed. Returns where it stopped: at `n`,
   * unless a quoted cell goes on past `n` (then at the start of that unfinished row).
   */
  private parse(b: Buffer, from: number, n: number, final: boolean): number {
    const ncol = this.ncol;
    const isText = this.isText;
    const numbers = this.numbers;
    const codes = this.codes;
    const interners = this.interners;
    const view = this.view; // over b, which is this.work
    let rows = this.rows;
    let line = this.line;
    let pos = from;
    while (pos < n) {
      let i = pos;
      let c = b[i]!;
      // A blank line (e.g. a trailing one) is not a row. b[n - 1] is a line feed, so b[i + 1] exists.
      if (c === LF || c === CR) {
        i++;
        if (c === CR && b[i] === LF) i++;
        line++;
        pos = i;
        continue;
      }
      if (rows === this.capacity) {
        this.rows = rows;
        this.resize(Math.min(Math.ceil(this.capacity * (this.sized ? 1.25 : 2)), MAX_ROWS));
      }
      const rowLine = line;
      let col = 0;
      let skip = false;
      for (;;) {
        if (c === COMMA && col < ncol) {
          // An empty cell (a third of the application tables' cells): nothing to scan.
          if (isText[col] === 0) numbers[col]![rows] = NaN;
          else codes[col]![rows] = -1;
          col++;
          c = b[++i]!;
          continue;
        }
        const s = i;
        if (c === QUOTE) {
          // Quoted cell (rare in Kaggle's files). A text cell with no "" escape is interned from its
          // bytes, like an unquoted one; anything else goes through quoted-cell.ts.
          let j = i + 1;
          let newlines = 0;
          if (col < ncol && isText[col] === 1) {
            while (j < n) {
              const d = b[j]!;
              if (d === QUOTE) break;
              if (d === LF) newlines++;
              j++;
            }
          } else j = n;
          const after = j + 1 < n ? b[j + 1]! : QUOTE;
          if (after === COMMA || after === LF || after === CR) {
            const h = ByteInterner.hash(b, view, i + 1, j);
            codes[col]![rows] = interners[col]!.intern(b, view, i + 1, j, h);
            line += newlines;
            i = j + 1;
          } else {
            const cell = readQuotedCell(b, i, n, final);
            if (cell.kind === 'incomplete') {
              this.rows = rows;
              this.line = rowLine;
              return pos;
            }
            if (cell.kind === 'unclosed') {
              this.rows = rows;
              this.line = rowLine;
              this.faults.malformed('quote', rowLine, 'a quoted cell is never closed');
              return n;
            }
            line += cell.newlines;
            i = cell.end;
            if (cell.trailingText) {
              this.faults.malformed('quote', rowLine, `text after a closing quote in cell ${col + 1}`);
              skip = true;
            }
            if (col < ncol) {
              if (isText[col]) codes[col]![rows] = interners[col]!.internString(cell.text);
              else numbers[col]![rows] = this.parseText(cell.text, col, line);
            }
          }
          c = b[i]!;
        } else if (col < ncol && isText[col] === 0) {
          // Number: digits accumulate while the cell's end is searched (one pass over its bytes).
          let sign = 1;
          if (c === 45) {
            sign = -1;
            c = b[++i]!;
          } else if (c === 43) c = b[++i]!;
          const intStart = i;
          let m = 0;
          while (c >= 48 && c <= 57) {
            m = m * 10 + (c - 48);
            c = b[++i]!;
          }
          let digits = i - intStart;
          let frac = 0;
          if (c === 46) {
            const fracStart = ++i;
            c = b[i]!;
            while (c >= 48 && c <= 57) {
              m = m * 10 + (c - 48);
              c = b[++i]!;
            }
            frac = i - fracStart;
            digits += frac;
          }
          const out = numbers[col]!;
          if (c === COMMA || c === LF || c === CR) {
            // Below 2^53 every digit went into m exactly, and 10^frac is exact, so one division rounds
            // correctly (Clinger's fast path); m is at least 2^53 whenever the digits' value is.
            if (digits > 0 && m < MAX_EXACT && frac <= 22)
              out[rows] = sign * (frac === 0 ? m : m / POW10[frac]!);
            else if (i === s) out[rows] = NaN;
            else out[rows] = this.parseText(b.toString('latin1', s, i), col, line);
          } else {
            // Exponent, stray character...: find the cell's end and let the checked path decide.
            while (c !== COMMA && c !== LF && c !== CR) c = b[++i]!;
            out[rows] = this.parseText(b.toString('latin1', s, i), col, line);
          }
        } else {
          // Text (or a surplus cell past the header's columns): hash while scanning, then intern.
          // Four bytes at a time while none of them is a comma, LF or CR (a zero byte in the word
          // XOR the delimiter repeated; the word may reach up to 3 bytes past `n`: see SLACK), then
          // byte by byte up to the delimiter; the same hash as ByteInterner.hash.
          let h = FNV_OFFSET;
          for (;;) {
            const w = view.getInt32(i, true);
            const x = w ^ 0x2c2c2c2c;
            const y = w ^ 0x0a0a0a0a;
            const z = w ^ 0x0d0d0d0d;
            if ((((x - 0x01010101) & ~x) | ((y - 0x01010101) & ~y) | ((z - 0x01010101) & ~z)) & 0x80808080)
              break;
            h = Math.imul(h ^ w, FNV_PRIME);
            i += 4;
          }
          c = b[i]!;
          while (c !== COMMA && c !== LF && c !== CR) {
            h = Math.imul(h ^ c, FNV_PRIME);
            c = b[++i]!;
          }
          if (col < ncol) codes[col]![rows] = i === s ? -1 : interners[col]!.intern(b, view, s, i, h);
        }
        // b[i] (= c) ends the cell: a comma, or CR / LF / CRLF ending the row.
        col++;
        i++;
        if (c === COMMA) {
          c = b[i]!;
          continue;
        }
        if (c === CR && b[i] === LF) i++;
        break;
      }
      if (col !== ncol) {
        this.rows = rows;
        this.faults.malformed('field-count', rowLine, `${col} fields where the header has ${ncol}`);
        skip = true;
      }
      if (!skip) rows++; // a skipped row's cells are overwritten by the next row
      line++;
      pos = i;
    }
    this.rows = rows;
    this.line = line;
    return pos;
  }

  private parseText(text: string, col: number, line: number): number {
    if (text === '') return NaN;
    if (NUMBER_TEXT.test(text)) return Number(text);
    return this.faults.invalid(col, text, line);
  }
}

/**
 * The first `n` values: a view when at most 1/8 of the array is spare (the columns are sized 5%
 * over the estimate; spare room never written costs no memory), else a copy.
 */
function trim<T extends Float64Array | Int32Array>(a: T, n: number): T {
  if (a.length === n) return a;
  return (a.length - n <= a.length / 8 ? a.subarray(0, n) : a.slice(0, n)) as T;
}
