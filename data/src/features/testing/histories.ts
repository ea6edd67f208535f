/** Splits Kaggle tables into per-client JSON (application fields + history rows), as the API would send them. */
import type { ColumnTable } from 'arquero';
import type { SourceTables } from '../build.js';
import type { FeatureTable } from '../feature-table.js';
import type { ClientHistory, HistoryTable } from '../online.js';

export interface ClientInput {
  application: Record<string, unknown>;
  history: ClientHistory;
}

const BY_CLIENT: HistoryTable[] = [
  'bureau',
  'previous_application',
  'POS_CASH_balance',
  'installments_payments',
  'credit_card_balance',
];

/** JSON rows of `table` whose `key` is wanted, grouped by key, in file order (NaN travels as null). */
function rowsByKey(
  table: ColumnTable,
  key: string,
  wanted: (k: number) => boolean,
): Map<number, Record<string, unknown>[]> {
  const names = table.columnNames();
  // Arquero's column interface (`at`) reads typed arrays and coded categorical columns alike.
  const cols = names.map((n) => table.column(n)!);
  const keys = table.column(key) as unknown as ArrayLike<number>;
  const out = new Map<number, Record<string, unknown>[]>();
  for (let i = 0; i < table.numRows(); i++) {
    const k = keys[i]!;
    if (!wanted(k)) continue;
    const row: Record<string, unknown> = {};
    names.forEach((n, c) => {
      const v = cols[c]!.at(i);
      row[n] = typeof v === 'number' && Number.isNaN(v) ? null : v;
    });
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Inputs of the given clients (all application rows when `ids` is omitted), history in file order. */
export function clientInputs(tables: SourceTables, ids?: ReadonlySet<number>): Map<number, ClientInput> {
  const out = new Map<number, ClientInput>();
  const wanted = (k: number) => !ids || ids.has(k);
  for (const t of [tables.application_train, tables.application_test]) {
    if (!t) continue;
    for (const [id, list] of rowsByKey(t, 'SK_ID_CURR', wanted))
      for (const application of list) out.set(id, { application, history: {} });
  }
  const present = BY_CLIENT.filter((t) => tables[t]);
  for (const name of present) {
    const byClient = rowsByKey(tables[name]!, 'SK_ID_CURR', (k) => out.has(k));
    for (const [id, input] of out) input.history[name] = byClient.get(id) ?? [];
  }
  if (tables.bureau_balance) {
    const bureaus = new Set<unknown>();
    for (const input of out.values()) for (const b of input.history.bureau ?? []) bureaus.add(b.SK_ID_BUREAU);
    const byBureau = rowsByKey(tables.bureau_balance, 'SK_ID_BUREAU', (k) => bureaus.has(k));
    for (const input of out.values())
      input.history.bureau_balance = (input.history.bureau ?? []).flatMap(
        (b) => byBureau.get(b.SK_ID_BUREAU as number) ?? [],
      );
  }
  return out;
}

/** Row of `table` for each id. */
export function rowIndex(table: FeatureTable): Map<number, number> {
  const m = new Map<number, number>();
  table.ids.forEach((id, i) => m.set(id, i));
  return m;
}

/** Features where the online vector differs from the batch row (Object.is: NaN equals NaN, 0 != -0). */
export function differences(table: FeatureTable, row: number, vector: Float64Array): string[] {
  const diff: string[] = [];
  table.columns.forEach((c, j) => {
    if (!Object.is(c[row], vector[j])) diff.push(`${table.names[j]}: batch ${c[row]} online ${vector[j]}`);
  });
  if (vector.length !== table.columns.length) diff.push(`length ${vector.length} != ${table.columns.length}`);
  return diff;
}
