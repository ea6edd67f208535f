import { table as aqTable, type ColumnTable } from 'arquero';
import { DataError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import type { CodedColumn } from './coded-column.js';
import { CsvColumnParser } from './csv-columns.js';
import { faultHandlers, findKaggleFile, streamKaggleCsv, textSizeHint } from './read-file.js';
import { kaggleSchemas, TABLE_NAMES, type TableName } from './schema.js';

export type KaggleTables = Partial<Record<TableName, ColumnTable>>;
export interface LoadProgress {
  table: TableName;
  bytes: number;
  rows: number;
}
export interface LoadOptions {
  logger?: Logger;
  onProgress?: (e: LoadProgress) => void;
}

/**
 * Loads one Kaggle file into columns, in Kaggle's order: numeric ones as Float64Array (NaN = empty
 * cell), categorical ones as CodedColumn (codes + dictionary, -1 = empty cell).
 */
export async function loadKaggleFile(
  path: string,
  table: TableName,
  opts: LoadOptions = {},
): Promise<Record<string, Float64Array | CodedColumn>> {
  const schema = kaggleSchemas[table];
  const parser = new CsvColumnParser(
    schema.columns.map((c) => c.type === 'categorical'),
    faultHandlers(path, schema),
    textSizeHint(path),
  );
  await streamKaggleCsv(path, schema, parser, (bytes, rows) => opts.onProgress?.({ table, bytes, rows }));
  const { columns } = parser.finish();
  return Object.fromEntries(schema.columns.map((c, j) => [c.name, columns[j]!]));
}

/** Loads `dir/<table>.csv[.gz]` as an Arquero table with the schema's columns and types. */
export async function loadKaggleTable(
  dir: string,
  table: TableName,
  opts: LoadOptions = {},
): Promise<ColumnTable> {
  const path = findKaggleFile(dir, table);
  if (!path)
    throw new DataError(
      'FILE_MISSING',
      `${table}.csv (or .csv.gz) not found in ${dir}; put Kaggle's file there`,
    );
  const started = Date.now();
  const t = aqTable(await loadKaggleFile(path, table, opts));
  (opts.logger ?? silentLogger).info(`loaded ${table}`, { rows: t.numRows(), ms: Date.now() - started });
  return t;
}

/** Loads every table present in `dir` (or those asked); an absent file leaves its key out. */
export async function loadKaggleDir(
  dir: string,
  opts: LoadOptions & { tables?: TableName[] } = {},
): Promise<KaggleTables> {
  const out: KaggleTables = {};
  for (const table of opts.tables ?? TABLE_NAMES) {
    if (!findKaggleFile(dir, table)) {
      (opts.logger ?? silentLogger).debug(`no ${table} file in ${dir}`);
      continue;
    }
    out[table] = await loadKaggleTable(dir, table, opts);
  }
  return out;
}
