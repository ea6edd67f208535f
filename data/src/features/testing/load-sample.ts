/**
 * Loads the real sample (../shared/data/home-credit-sample) for tests and benches: through
 * loadKaggleDir when @credit/data's loaders exist, otherwise with Arquero's CSV reader and explicit
 * parsers from the Kaggle schemas (numeric -> Float64Array with NaN, categorical -> string | null).
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as kaggle from '../../kaggle/index.js';
import type { SourceTables } from '../build.js';
import { SOURCE_TABLES, type SourceTable } from '../recipe.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const sampleDir = resolve(repoRoot, '..', 'shared', 'data', 'home-credit-sample');

export function sampleAvailable(): boolean {
  return existsSync(join(sampleDir, 'application_train.csv.gz'));
}

type Loader = (dir: string, opts?: { tables?: SourceTable[] }) => Promise<SourceTables>;

export async function loadTables(
  dir: string,
  tables: readonly SourceTable[] = SOURCE_TABLES,
): Promise<SourceTables> {
  const loader = (kaggle as unknown as { loadKaggleDir?: Loader }).loadKaggleDir;
  if (loader) return loader(dir, { tables: [...tables] });
  const out: SourceTables = {};
  for (const t of tables) {
    const file = join(dir, `${t}.csv.gz`);
    const plain = join(dir, `${t}.csv`);
    if (!existsSync(file) && !existsSync(plain)) continue;
    const text = existsSync(file)
      ? gunzipSync(await readFile(file)).toString('utf8')
      : await readFile(plain, 'utf8');
    out[t] = parseTable(text, t);
  }
  return out;
}

function parseTable(text: string, table: SourceTable): ColumnTable {
  const schema = (
    kaggle as unknown as { kaggleSchemas: Record<string, { columns: { name: string; type: string }[] }> }
  ).kaggleSchemas[table]!;
  const parse: Record<string, (v: string) => unknown> = {};
  for (const c of schema.columns)
    parse[c.name] =
      c.type === 'categorical' ? (v) => (v === '' ? null : v) : (v) => (v === '' ? NaN : Number(v));
  const raw = aq.fromCSV(text, { parse });
  const cols: Record<string, unknown> = {};
  for (const name of raw.columnNames()) {
    const col = raw.array(name) as unknown[];
    const typed = schema.columns.find((c) => c.name === name)?.type !== 'categorical';
    cols[name] = typed ? Float64Array.from(col as number[]) : col.map((v) => (v === undefined ? null : v));
  }
  return aq.table(cols);
}
