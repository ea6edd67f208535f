import { table as aqTable, type ColumnTable } from 'arquero';
import { DataError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { GrowableFloat64 } from './growable.js';
import { findKaggleFile, readKaggleFile } from './read-file.js';
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

/** Loads one Kaggle file into column arrays: Float64Array (NaN = empty) or (string | null)[]. */
export async function loadKaggleFile(
  path: string,
  table: TableName,
  opts: LoadOptions = {},
): Promise<Record<string, Float64Array | (string | null)[]>> {
  const columns = kaggleSchemas[table].columns;
  // Monomorphic loops: numeric and text columns in separate lists.
  const numIdx = columns.flatMap((c, j) => (c.type === 'categorical' ? [] : [j]));
  const textIdx = columns.flatMap((c, j) => (c.type === 'categorical' ? [j] : []));
  const numCols = numIdx.map(() => new GrowableFloat64(1 << 14));
  const textCols = textIdx.map(() => [] as (string | null)[]);
  await readKaggleFile(path, kaggleSchemas[table], {
    row: (nums, strs) => {
      for (let k = 0; k < numIdx.length; k++) numCols[k]!.push(nums[numIdx[k]!]!);
      for (let k = 0; k < textIdx.length; k++) textCols[k]!.push(strs[textIdx[k]!] ?? null);
    },
    progress: (bytes, rows) => opts.onProgress?.({ table, bytes, rows }),
  });
  const out: Record<string, Float64Array | (string | null)[]> = {};
  numIdx.forEach((j, k) => (out[columns[j]!.name] = numCols[k]!.finish()));
  textIdx.forEach((j, k) => (out[columns[j]!.name] = textCols[k]!));
  // Keep Kaggle's column order.
  return Object.fromEntries(columns.map((c) => [c.name, out[c.name]!]));
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
