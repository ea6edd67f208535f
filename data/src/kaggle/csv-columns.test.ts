import { ByteInterner, viewOf } from './byte-interner.js';
import { CodedColumn } from './coded-column.js';
import { CsvColumnParser, type ColumnFaults } from './csv-columns.js';
import { CsvRowParser } from './csv-rows.js';

const strict: ColumnFaults = {
  invalid: (col, raw, line) => {
    throw new Error(`line ${line} column ${col}: ${raw}`);
  },
  malformed: (problem, line, detail) => {
    throw new Error(`line ${line} ${problem}: ${detail}`);
  },
};

/** Parses `text` (no header) fed in pieces cut at `cuts`; returns the columns as plain arrays. */
function parse(text: string, isText: boolean[], cuts: number[] = []) {
  const bytes = Buffer.from(text, 'utf8');
  const p = new CsvColumnParser(isText, strict, bytes.length);
  let from = 0;
  for (const at of [...cuts, bytes.length]) {
    p.push(bytes.subarray(from, at));
    from = at;
  }
  p.end();
  const { rows, columns } = p.finish();
  return { rows, columns: columns.map((c) => (c instanceof CodedColumn ? c.toArray() : Array.from(c))) };
}

describe('CsvColumnParser', () => {
  const text =
    '1,-2.5,Cash loans,"Spouse, partner"\r\n2,,XNA,"say ""hi""\non two lines"\n\n3,1e3,,Cash loans\n-0.125,7,"Cash loans",\n4,0.1,Révolving,x';
  const isText = [false, false, true, true];

  it('writes numbers into Float64Arrays and text into codes + dictionary', () => {
    const { rows, columns } = parse(text, isText);
    expect(rows).toBe(5);
    expect(columns[0]).toEqual([1, 2, 3, -0.125, 4]);
    expect(columns[1]).toEqual([-2.5, NaN, 1000, 7, 0.1]);
    expect(columns[2]).toEqual(['Cash loans', 'XNA', null, 'Cash loans', 'Révolving']);
    expect(columns[3]).toEqual(['Spouse, partner', 'say "hi"\non two lines', 'Cash loans', null, 'x']);
  });

  it('gives the same columns wherever the chunks are cut', () => {
    const whole = parse(text, isText);
    const n = Buffer.byteLength(text);
    for (let a = 1; a < n; a++) expect(parse(text, isText, [a])).toEqual(whole);
    for (let a = 1; a < n; a += 7)
      for (let b = a + 1; b < n; b += 5) expect(parse(text, isText, [a, b])).toEqual(whole);
  });

  it('agrees with the row parser on a file of many pieces, quoted newlines at every offset', () => {
    // Over 64 KiB, so the parser works through several pieces per chunk; cells with a newline
    // inside quotes fall on every position relative to the pieces' and chunks' ends.
    const lines: string[] = [];
    for (let k = 0, size = 0; size < 300_000; k++, size += lines.at(-1)!.length)
      lines.push(
        `${k},${k % 5 ? (k * 1234.567).toFixed(3) : ''},${k % 3 ? 'Cash loans' : '"Stone, brick"'},` +
          `${k % 2 ? `${'Révolving'.slice(0, k % 10)}${k % 50}` : `"two\nlines ${k % 4}"`},${k % 11 ? -k : '1e3'}${k % 13 ? '\n' : '\r\n'}`,
      );
    const text = lines.join('');
    const isText = [false, false, true, true, false];
    const expected: unknown[][] = isText.map(() => []);
    const rows = new CsvRowParser(isText, {
      row: (numbers, texts) => isText.forEach((t, j) => expected[j]!.push(t ? texts[j] : numbers[j])),
      ...strict,
    });
    rows.push(Buffer.from(text));
    rows.end();
    for (const cut of [65_536, 70_001, 100_003, 150_001, 1 << 20])
      expect(
        parse(
          text,
          isText,
          Array.from({ length: Math.floor(text.length / cut) }, (_, i) => (i + 1) * cut),
        ).columns,
      ).toEqual(expected);
  });

  it('gives a value one code whether quoted or not', () => {
    const p = new CsvColumnParser([true], strict, 0);
    p.push(Buffer.from('Cash loans\n"Cash loans"\nabcdefgh\n"abcdefgh"\n"abc"\nabc\n'));
    p.end();
    const column = p.finish().columns[0] as CodedColumn;
    expect(column.values).toEqual(['Cash loans', 'abcdefgh', 'abc']);
    expect(Array.from(column.codes)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('ends a text cell at a comma, LF or CR at any offset in its four-byte words', () => {
    const words = ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'abcdef', 'abcdefg', 'abcdefgh', 'é', 'aé', 'abcé'];
    for (const end of ['\n', '\r\n']) {
      const text = words.map((w, k) => `${w},${k},${w}${end}`).join('');
      const { columns } = parse(text, [true, false, true]);
      const expected = words.map((w) => (w === '' ? null : w));
      expect(columns[0]).toEqual(expected);
      expect(columns[1]).toEqual(words.map((_, k) => k));
      expect(columns[2]).toEqual(expected);
    }
  });

  it('parses decimals exactly as Number() does', () => {
    const cells = [
      '0.1',
      '135000.0',
      '-0.0188010000000000',
      '365243',
      '9007199254740993',
      '9007199254740992',
      '900719925474099.3',
      '90071992547409931.5',
      '1.5E-3',
      '.5',
      '7.',
    ];
    const { columns } = parse(cells.join('\n'), [false]);
    expect(columns[0]).toEqual(cells.map(Number));
    expect(Object.is(parse('-0', [false]).columns[0]![0], -0)).toBe(true);
  });

  it('reports the line and column of a bad number and of a short row', () => {
    expect(() => parse('1,2\n3,x4\n', [false, false])).toThrow('line 3 column 1: x4');
    expect(() => parse('1,2\n3\n', [false, false])).toThrow(
      'line 3 field-count: 1 fields where the header has 2',
    );
    expect(() => parse('"a\nb",1\n"c,2\n', [true, false])).toThrow('quoted cell is never closed');
  });
});

describe('ByteInterner', () => {
  it('gives codes by first appearance, the same for equal bytes, across table growth', () => {
    const interner = new ByteInterner();
    const code = (s: string) => {
      const b = Buffer.from(s);
      const view = viewOf(b);
      return interner.intern(b, view, 0, b.length, ByteInterner.hash(b, view, 0, b.length));
    };
    const words = Array.from({ length: 500 }, (_, i) => `value ${i}`);
    expect(words.map(code)).toEqual(words.map((_, i) => i));
    expect(words.map(code)).toEqual(words.map((_, i) => i));
    expect(interner.internString('value 7')).toBe(7);
    expect(interner.values[499]).toBe('value 499');
  });
});
