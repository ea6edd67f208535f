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

function rows(table: ColumnTable): Record<string, unknown>[] {
  const names = table.columnNames();
  const cols = names.map((n) => table.column(n) as unknown as ArrayLike<unknown>);
  const out: Record<string, unknown>[] = new Array(table.numRows());
  for (let i = 0; i < out.length; i++) {
    const row: Record<string, unknown> = {};
    names.forEach((n, k) => {
      const v = cols[k]![i];
      // JSON has no NaN: a missing number travels as null.
      row[n] = typeof v === 'number' && Number.isNaN(v) ? null : v;
    });
    out[i] = row;
  }
  return out;
}

function indexBy(list: Record<string, unknown>[], key: string): Map<unknown, Record<string, unknown>[]> {
  const m = new Map<unknown, Record<string, unknown>[]>();
  for (const r of list) {
    const k = r[key];
    const l = m.get(k);
    if (l) l.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Inputs of the given clients (all application rows when `ids` is omitted), history in file order. */
export function clientInputs(tables: SourceTables, ids?: ReadonlySet<number>): Map<number, ClientInput> {
  const out = new Map<number, ClientInput>();
  for (const t of [tables.application_train, tables.application_test]) {
    if (!t) continue;
    for (const r of rows(t)) {
      const id = r.SK_ID_CURR as number;
      if (!ids || ids.has(id)) out.set(id, { application: r, history: {} });
    }
  }
  const present = BY_CLIENT.filter((t) => tables[t]);
  for (const name of present) {
    const byClient = indexBy(rows(tables[name]!), 'SK_ID_CURR');
    for (const [id, input] of out) input.history[name] = byClient.get(id) ?? [];
  }
  if (tables.bureau_balance) {
    const byBureau = indexBy(rows(tables.bureau_balance), 'SK_ID_BUREAU');
    for (const input of out.values())
      input.history.bureau_balance = (input.history.bureau ?? []).flatMap(
        (b) => byBureau.get(b.SK_ID_BUREAU) ?? [],
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
