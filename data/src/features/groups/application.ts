/**
 * application_train + application_test: stacked (train first), XNA genders dropped, three columns
 * factorized, every other text column one-hot encoded (no `_nan`), DAYS_EMPLOYED 365243 -> missing,
 * then five ratios.
 */
import { DataError } from '../../errors.js';
import type { Frame } from '../frame.js';
import { numericColumn, stackFrames } from '../frame.js';
import { encode, MISSING } from '../one-hot.js';
import type { FeatureRecipe } from '../recipe.js';
import { FACTORIZED_COLUMNS } from '../recipe.js';
import { replaceWithMissing, TableView } from '../table-view.js';
import { divide } from './arithmetic.js';
import type { Frames } from './group.js';

const NOT_FEATURES = new Set(['SK_ID_CURR', 'TARGET']);
const FACTORIZED = new Set<string>(FACTORIZED_COLUMNS);

export const RATIOS: readonly (readonly [string, string, string])[] = [
  ['DAYS_EMPLOYED_PERC', 'DAYS_EMPLOYED', 'DAYS_BIRTH'],
  ['INCOME_CREDIT_PERC', 'AMT_INCOME_TOTAL', 'AMT_CREDIT'],
  ['INCOME_PER_PERSON', 'AMT_INCOME_TOTAL', 'CNT_FAM_MEMBERS'],
  ['ANNUITY_INCOME_PERC', 'AMT_ANNUITY', 'AMT_INCOME_TOTAL'],
  ['PAYMENT_RATE', 'AMT_ANNUITY', 'AMT_CREDIT'],
];

export interface ApplicationRows {
  ids: Float64Array;
  target: Float64Array;
  columns: Float64Array[];
}

/** Train then test, as pandas' append does (columns of train first). */
export function stackApplications(frames: Frames): Frame {
  const parts = [frames.application_train, frames.application_test].filter(
    (f): f is Frame => f !== undefined,
  );
  if (parts.length === 0)
    throw new DataError(
      'FEATURES_NO_APPLICATION',
      'Neither application_train nor application_test was given: the feature table has one row per application, so load at least one of them.',
    );
  return parts.length === 1 ? parts[0]! : stackFrames(parts);
}

/** Rows kept by the recipe: CODE_GENDER other than "XNA". */
export function rowsWithoutXna(frame: Frame): Uint8Array {
  const keep = new Uint8Array(frame.nrows).fill(1);
  const gender = frame.columns.get('CODE_GENDER');
  if (gender && !(gender instanceof Float64Array)) {
    const xna = gender.values.indexOf('XNA');
    if (xna >= 0) for (let i = 0; i < frame.nrows; i++) if (gender.codes[i] === xna) keep[i] = 0;
  }
  return keep;
}

export const applicationGroup = {
  name: 'application',
  inputs: ['application_train', 'application_test'] as const,

  declare(recipe: FeatureRecipe): string[] {
    const view = new TableView(emptyFrame, recipe.tables.application, false);
    const kept = recipe.tables.application.columns
      .filter((c) => !NOT_FEATURES.has(c.name) && (c.kind === 'numeric' || FACTORIZED.has(c.name)))
      .map((c) => c.name);
    return [...kept, ...view.oneHotNames(), ...RATIOS.map(([name]) => name)];
  },

  /** The application features of `frame` rows (already stacked), optionally without XNA rows. */
  compute(frame: Frame, recipe: FeatureRecipe, dropXna: boolean): ApplicationRows {
    const keep = dropXna ? rowsWithoutXna(frame) : new Uint8Array(frame.nrows).fill(1);
    let kept = 0;
    for (let i = 0; i < frame.nrows; i++) kept += keep[i]!;
    const rows = new Int32Array(kept);
    for (let i = 0, k = 0; i < frame.nrows; i++) if (keep[i] === 1) rows[k++] = i;
    const take = (col: Float64Array) => {
      const out = new Float64Array(rows.length);
      for (let k = 0; k < rows.length; k++) out[k] = col[rows[k]!]!;
      return out;
    };

    const view = new TableView(frame, recipe.tables.application, false);
    view.setDerived('DAYS_EMPLOYED', replaceWithMissing(numericColumn(frame, 'DAYS_EMPLOYED'), 365243));
    const columns: Float64Array[] = [];
    for (const { name, kind } of recipe.tables.application.columns) {
      if (NOT_FEATURES.has(name)) continue;
      if (FACTORIZED.has(name)) columns.push(take(factorizeCodes(frame, name, recipe)));
      else if (kind === 'numeric') columns.push(take(view.column(name)));
    }
    // One-hot columns straight from the codes of the kept rows (no full-length intermediate column).
    for (const name of view.oneHotNames()) {
      const [source, code] = view.oneHotSource(name)!;
      const codes = view.codesOf(source);
      const out = new Float64Array(rows.length);
      for (let k = 0; k < rows.length; k++) out[k] = codes[rows[k]!] === code ? 1 : 0;
      columns.push(out);
    }
    for (const [, num, den] of RATIOS) columns.push(divide(take(view.column(num)), take(view.column(den))));
    return {
      ids: take(numericColumn(frame, 'SK_ID_CURR')),
      target: take(numericColumn(frame, 'TARGET')),
      columns,
    };
  },
};

const emptyFrame: Frame = { nrows: 0, names: [], columns: new Map() };

/** pandas.factorize codes from the recipe: missing and unseen values get -1. */
function factorizeCodes(frame: Frame, name: string, recipe: FeatureRecipe): Float64Array {
  const col = frame.columns.get(name);
  const out = new Float64Array(frame.nrows).fill(-1);
  if (!col) return out;
  const codes = encode(col, recipe.factorize[name] ?? []);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i]! < 0 ? MISSING : codes[i]!;
  return out;
}
