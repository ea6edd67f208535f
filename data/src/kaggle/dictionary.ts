import { readFile } from 'node:fs/promises';
import { DataError } from '../errors.js';
import { decodeWindows1252, looksLikeUtf8 } from './windows-1252.js';

export interface ColumnDictionaryEntry {
  /** As written in the file, e.g. 'application_{train|test}.csv'. */
  table: string;
  /** The column name (trimmed; Kaggle writes 'SK_ID_PREV ' with a space). */
  row: string;
  description: string;
  special: string;
}

/** Splits small CSV text with quotes into rows of cells. */
function splitCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += text[++i];
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/**
 * Reads HomeCredit_columns_description.csv. Kaggle's copy is Windows-1252 ("Latin-1"); a UTF-8
 * re-encoded copy is read as UTF-8, so accents and the ellipsis come out right either way.
 */
export async function loadColumnDictionary(path: string): Promise<ColumnDictionaryEntry[]> {
  const bytes = await readFile(path).catch((err: unknown) => {
    throw new DataError('FILE_MISSING', `cannot read the column dictionary ${path}`, { cause: err });
  });
  const text = looksLikeUtf8(bytes)
    ? bytes.toString('utf8').replace(/^\uFEFF/, '')
    : decodeWindows1252(bytes);
  const [header, ...rows] = splitCsv(text);
  const idx = (name: string): number => (header ?? []).findIndex((h) => h.trim() === name);
  const [t, r, d, s] = [idx('Table'), idx('Row'), idx('Description'), idx('Special')];
  if (t < 0 || r < 0 || d < 0)
    throw new DataError(
      'CSV_HEADER',
      `${path}: expected columns Table, Row, Description (Kaggle's dictionary)`,
    );
  return rows
    .filter((cells) => cells.length > 1)
    .map((cells) => ({
      table: cells[t] ?? '',
      row: (cells[r] ?? '').trim(),
      description: (cells[d] ?? '').trim(),
      special: s >= 0 ? (cells[s] ?? '').trim() : '',
    }));
}
