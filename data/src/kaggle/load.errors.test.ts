import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DataError } from '../errors.js';
import { loadColumnDictionary } from './dictionary.js';
import { loadKaggleDir, loadKaggleTable } from './load.js';

const HEADER = 'SK_ID_BUREAU,MONTHS_BALANCE,STATUS';

function dirWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kaggle-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function errorOf(dir: string): Promise<DataError> {
  try {
    await loadKaggleTable(dir, 'bureau_balance');
  } catch (err) {
    if (err instanceof DataError) return err;
    throw err;
  }
  throw new Error('expected a DataError');
}

describe('loadKaggleTable on hand-made files', () => {
  it('parses quotes, commas inside quotes, CRLF, a BOM and a last line without newline', async () => {
    const dir = dirWith({
      'bureau_balance.csv': `\uFEFF${HEADER}\r\n5001,-1,"C, closed"\r\n5002,0,"say ""X"""\r\n5003,-2.0,\r\n5004,1e1,0`,
    });
    const t = await loadKaggleTable(dir, 'bureau_balance');
    expect(Array.from(t.array('SK_ID_BUREAU') as Float64Array)).toEqual([5001, 5002, 5003, 5004]);
    expect(Array.from(t.array('MONTHS_BALANCE') as Float64Array)).toEqual([-1, 0, -2, 10]);
    expect(Array.from(t.array('STATUS') as (string | null)[])).toEqual(['C, closed', 'say "X"', null, '0']);
  });

  it('reads .csv.gz the same as .csv, across many chunks', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i},${-i % 97},${i % 3 ? 'C' : ''}`);
    const dir = dirWith({ 'bureau_balance.csv.gz': gzipSync(`${HEADER}\n${rows.join('\n')}\n`) });
    const t = await loadKaggleTable(dir, 'bureau_balance');
    expect(t.numRows()).toBe(200_000);
    expect(t.column('MONTHS_BALANCE')?.at(199_999)).toBe(-(199_999 % 97));
    expect(t.column('STATUS')?.at(3)).toBe(null);
  });

  it('names the missing column of a bad header', async () => {
    const err = await errorOf(dirWith({ 'bureau_balance.csv': 'SK_ID_BUREAU,STATUS\n1,C\n' }));
    expect(err.code).toBe('CSV_HEADER');
    expect(err.message).toMatch(/bureau_balance\.csv: bad header: missing column\(s\) MONTHS_BALANCE/);
  });

  it('names a misordered column', async () => {
    const err = await errorOf(dirWith({ 'bureau_balance.csv': 'MONTHS_BALANCE,SK_ID_BUREAU,STATUS\n' }));
    expect(err.message).toMatch(/column 1 is MONTHS_BALANCE but Kaggle's order has SK_ID_BUREAU/);
  });

  it('names file, line, column and value of a bad number', async () => {
    const err = await errorOf(dirWith({ 'bureau_balance.csv': `${HEADER}\n1,-1,C\n2,minus two,C\n` }));
    expect(err.code).toBe('CSV_VALUE');
    expect(err.message).toMatch(
      /bureau_balance\.csv line 3, column MONTHS_BALANCE: "minus two" is not a number/,
    );
  });

  it('reports a truncated gzip', async () => {
    const gz = gzipSync(`${HEADER}\n${'1,-1,C\n'.repeat(10_000)}`);
    const err = await errorOf(dirWith({ 'bureau_balance.csv.gz': gz.subarray(0, gz.length - 200) }));
    expect(err.code).toBe('GZIP_TRUNCATED');
    expect(err.message).toMatch(/bureau_balance\.csv\.gz: the gzip data ends early/);
  });

  it('detects a semicolon delimiter', async () => {
    const err = await errorOf(
      dirWith({ 'bureau_balance.csv': 'SK_ID_BUREAU;MONTHS_BALANCE;STATUS\n1;-1;C\n' }),
    );
    expect(err.code).toBe('CSV_DELIMITER');
    expect(err.message).toMatch(/separated by ";"/);
  });

  it('reports an empty file', async () => {
    const err = await errorOf(dirWith({ 'bureau_balance.csv': '' }));
    expect(err.code).toBe('CSV_EMPTY');
  });

  it('reports a row with the wrong number of fields', async () => {
    const err = await errorOf(dirWith({ 'bureau_balance.csv': `${HEADER}\n1,-1,C\n2,-1\n` }));
    expect(err.code).toBe('CSV_ROW');
    expect(err.message).toMatch(/line 3: 2 fields where the header has 3/);
  });

  it('loads only the tables present, and reports progress', async () => {
    const dir = dirWith({ 'bureau_balance.csv': `${HEADER}\n1,-1,C\n` });
    const seen: number[] = [];
    const tables = await loadKaggleDir(dir, { onProgress: (e) => seen.push(e.rows) });
    expect(Object.keys(tables)).toEqual(['bureau_balance']);
    expect(seen.at(-1)).toBe(1);
    await expect(loadKaggleTable(dir, 'bureau')).rejects.toMatchObject({ code: 'FILE_MISSING' });
  });
});

describe('loadColumnDictionary', () => {
  it('decodes Windows-1252 bytes (accents, the 0x85 ellipsis) and UTF-8 copies alike', async () => {
    const text =
      ',Table,Row,Description,Special\n1,bureau.csv,SK_ID_CURR ,"Prêt à dépenser, etc\u2026",hashed\n';
    const cp1252 = Buffer.from(text.replace('\u2026', '\u0085'), 'latin1');
    const dir = dirWith({ 'a.csv': cp1252, 'b.csv': Buffer.from(text, 'utf8') });
    for (const f of ['a.csv', 'b.csv']) {
      const [entry] = await loadColumnDictionary(join(dir, f));
      expect(entry).toEqual({
        table: 'bureau.csv',
        row: 'SK_ID_CURR',
        description: 'Prêt à dépenser, etc…',
        special: 'hashed',
      });
    }
    expect(readFileSync(join(dir, 'a.csv')).includes(0x85)).toBe(true);
  });
});
