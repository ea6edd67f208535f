/**
 * Online features: one application (JSON fields) plus that client's history rows -> one vector in
 * recipe order. It builds one-client frames typed by the recipe and runs the batch code on them, so
 * the vector equals the batch row by construction (the parity test checks it on the real sample).
 */
import { DataError } from '../errors.js';
import { computeFeatures } from './build.js';
import { frameFromRows } from './frame.js';
import type { Frames } from './groups/group.js';
import type { FeatureRecipe, RecipeTable, SourceTable } from './recipe.js';

export type HistoryTable = Exclude<SourceTable, 'application_train' | 'application_test'>;
export type ClientHistory = Partial<Record<HistoryTable, Record<string, unknown>[]>>;

/** Stand-in client id when a new application has none yet (history rows without one get it too). */
const NEW_CLIENT_ID = -1;

export function onlineFeatures(
  application: Record<string, unknown>,
  history: ClientHistory,
  recipe: FeatureRecipe,
): Float64Array {
  const rawId = application.SK_ID_CURR;
  const id =
    typeof rawId === 'number' || (typeof rawId === 'string' && rawId.trim() !== '')
      ? Number(rawId)
      : NEW_CLIENT_ID;
  if (Number.isNaN(id))
    throw new DataError(
      'FEATURE_FIELD_NOT_NUMERIC',
      'application.SK_ID_CURR: expected a number; send the client id as a number or leave it out.',
    );
  const withId = (row: Record<string, unknown>) =>
    row.SK_ID_CURR === undefined || row.SK_ID_CURR === null ? { ...row, SK_ID_CURR: id } : row;

  const frames: Frames = {
    application_train: frameFromRows([withId(application)], recipe.tables.application.columns, 'application'),
  };
  for (const [table, rows] of Object.entries(history) as [
    HistoryTable,
    Record<string, unknown>[] | undefined,
  ][]) {
    if (!rows) continue;
    const recipeTable: RecipeTable = table;
    const columns = recipe.tables[recipeTable].columns;
    // bureau_balance rows are keyed by SK_ID_BUREAU, not by client.
    const typed = table === 'bureau_balance' ? rows : rows.map(withId);
    frames[table] = frameFromRows(typed, withKey(columns, table), table);
  }
  // A table the recipe was fitted with counts as "no rows" for this client, not as absent data.
  for (const table of Object.keys(recipe.tables) as RecipeTable[]) {
    if (table === 'application' || frames[table] || !recipe.tables[table].present) continue;
    frames[table] = frameFromRows([], withKey(recipe.tables[table].columns, table), table);
  }
  const table = computeFeatures(frames, recipe, { dropXna: false, warn: () => {} });
  return Float64Array.from(table.columns, (c) => c[0]!);
}

/** Keys the groups join on, even when the recipe saw no such column. */
function withKey(columns: { name: string; kind: 'numeric' | 'categorical' }[], table: HistoryTable) {
  const keys =
    table === 'bureau_balance'
      ? ['SK_ID_BUREAU']
      : table === 'bureau'
        ? ['SK_ID_CURR', 'SK_ID_BUREAU']
        : ['SK_ID_CURR'];
  const out = [...columns];
  for (const k of keys) if (!out.some((c) => c.name === k)) out.push({ name: k, kind: 'numeric' });
  return out;
}
