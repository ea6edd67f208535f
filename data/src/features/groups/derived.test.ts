import { DataError } from '../../errors.js';
import { buildFeatures, fitRecipe } from '../build.js';
import type { FeatureTable } from '../feature-table.js';
import { derivedFixtureTables } from '../testing/derived-fixtures.js';
import { fixtureTables } from '../testing/fixtures.js';
import { DERIVED_FEATURES, derivedColumns } from './derived.js';

/** A feature column as a plain array (NaN, -0 and ±Infinity compared exactly by toEqual). */
function col(table: FeatureTable, name: string): number[] {
  const i = table.names.indexOf(name);
  if (i < 0) throw new Error(`no feature ${name}`);
  return Array.from(table.columns[i]!);
}

const DERIVED_NAMES = [
  'EXT_SOURCES_MEAN',
  'EXT_SOURCES_MIN',
  'EXT_SOURCES_MAX',
  'EXT_SOURCES_STD',
  'EXT_SOURCES_PROD',
  'EXT_SOURCES_WEIGHTED',
  'CREDIT_TO_GOODS',
  'ID_PUBLISH_TO_BIRTH',
  'PHONE_CHANGE_TO_BIRTH',
  'REGISTRATION_TO_BIRTH',
  'CAR_AGE_TO_AGE',
  'DOCUMENT_COUNT',
  'BURO_DEBT_TO_INCOME',
  'ACTIVE_DEBT_TO_CREDIT',
  'ANNUITY_TO_PREV_ANNUITY',
  'CREDIT_TO_PREV_CREDIT',
];

// Rows: clients 1, 2, 4 (train), 5 (test).
const tables = derivedFixtureTables();
const plain = buildFeatures(tables);
const { table, recipe, warnings } = buildFeatures(tables, undefined, { extraGroups: ['derived'] });

describe('the derived feature group', () => {
  it('comes after the recipe columns, which keep their names, order and values', () => {
    expect(recipe.extraGroups).toEqual(['derived']);
    expect(table.names).toEqual([...plain.table.names, ...DERIVED_NAMES]);
    expect(recipe.features).toEqual(table.names);
    expect(DERIVED_FEATURES.map((f) => f.name)).toEqual(DERIVED_NAMES);
    plain.table.columns.forEach((c, j) => expect(table.columns[j]).toEqual(c));
    expect(warnings).toEqual([]);
    expect(plain.recipe.extraGroups).toBeUndefined();
    expect(plain.table.names.some((n) => DERIVED_NAMES.includes(n))).toBe(false);
  });

  it('combines the external scores present on each row', () => {
    // client 1: 0.2, 0.4, 0.6; client 2: -, 0.6, 0.2; client 4: none; client 5: -, 0.7, -
    expect(col(table, 'EXT_SOURCES_MEAN')).toEqual([(0.2 + 0.4 + 0.6) / 3, (0.6 + 0.2) / 2, NaN, 0.7]);
    expect(col(table, 'EXT_SOURCES_MIN')).toEqual([0.2, 0.2, NaN, 0.7]);
    expect(col(table, 'EXT_SOURCES_MAX')).toEqual([0.6, 0.6, NaN, 0.7]);
    const std = col(table, 'EXT_SOURCES_STD');
    expect(std[0]).toBeCloseTo(0.2, 12); // sample std (n-1) of 0.2, 0.4, 0.6
    expect(std[1]).toBeCloseTo(Math.sqrt(0.08), 12); // of 0.6, 0.2
    expect(std.slice(2)).toEqual([NaN, NaN]); // none, one value
    expect(col(table, 'EXT_SOURCES_PROD')).toEqual([0.2 * 0.4 * 0.6, NaN, NaN, NaN]);
    expect(col(table, 'EXT_SOURCES_WEIGHTED')).toEqual([(2 * 0.2 + 0.4 + 3 * 0.6) / 6, NaN, NaN, NaN]);
  });

  it('divides application columns with IEEE rules', () => {
    expect(col(table, 'CREDIT_TO_GOODS')).toEqual([1.25, NaN, NaN, Infinity]); // 0/0, 0/NaN, 25/0
    expect(col(table, 'ID_PUBLISH_TO_BIRTH')).toEqual([0.5, 0.5, NaN, NaN]);
    expect(col(table, 'PHONE_CHANGE_TO_BIRTH')).toEqual([0.1, -0, 0.1, NaN]); // 0 / -2000 = -0
    expect(col(table, 'REGISTRATION_TO_BIRTH')).toEqual([0.25, 0.25, 0.25, NaN]);
    expect(col(table, 'CAR_AGE_TO_AGE')).toEqual([5 / (1000 / 365.25), NaN, 10 / (4000 / 365.25), NaN]);
  });

  it('counts the documents provided, a missing flag counting 0', () => {
    expect(col(table, 'DOCUMENT_COUNT')).toEqual([2, 1, 1, 0]); // client 5 has no flag at all
  });

  it('relates this loan to the credit history', () => {
    // bureau debts: client 1 10+20+30 (active 10+30 of 100+0), client 2 5; incomes 100, 200, 0, 50
    expect(col(table, 'BURO_DEBT_TO_INCOME')).toEqual([0.6, 0.025, NaN, NaN]);
    expect(col(table, 'ACTIVE_DEBT_TO_CREDIT')).toEqual([0.4, NaN, NaN, NaN]);
    // previous annuities: client 1 5, 15 (mean 10), client 2 0; previous credits 50, 0 | 0
    expect(col(table, 'ANNUITY_TO_PREV_ANNUITY')).toEqual([1, Infinity, NaN, NaN]);
    expect(col(table, 'CREDIT_TO_PREV_CREDIT')).toEqual([2, NaN, NaN, NaN]);
  });

  it('gives missing values when a history table was absent at fit time, without failing', () => {
    const { bureau: _, bureau_balance: __, ...withoutBureau } = derivedFixtureTables();
    const out = buildFeatures(withoutBureau, undefined, { extraGroups: ['derived'] });
    expect(out.recipe.tables.bureau.present).toBe(false);
    expect(col(out.table, 'BURO_DEBT_TO_INCOME')).toEqual([NaN, NaN, NaN, NaN]);
    expect(col(out.table, 'ACTIVE_DEBT_TO_CREDIT')).toEqual([NaN, NaN, NaN, NaN]);
    expect(col(out.table, 'CREDIT_TO_PREV_CREDIT')).toEqual([2, NaN, NaN, NaN]);
  });

  it('gives missing values, and says so, for inputs the recipe does not have', () => {
    // The plain fixture has no EXT_SOURCE_*, AMT_GOODS_PRICE, DAYS_ID_PUBLISH, ... nor FLAG_DOCUMENT_*.
    const out = buildFeatures(fixtureTables(), undefined, { extraGroups: ['derived'] });
    for (const name of ['EXT_SOURCES_MEAN', 'EXT_SOURCES_STD', 'CREDIT_TO_GOODS', 'DOCUMENT_COUNT'])
      expect(col(out.table, name)).toEqual([NaN, NaN, NaN, NaN]);
    expect(out.warnings).toEqual([
      expect.stringMatching(/^derived: column\(s\) EXT_SOURCE_1, .*AMT_GOODS_PRICE/),
    ]);
  });

  it('gives the same columns from a table built without the group (derivedColumns)', () => {
    const extra = derivedColumns(plain.table.names, plain.table.columns);
    expect(extra.names).toEqual(DERIVED_NAMES);
    extra.columns.forEach((c, j) => expect(c).toEqual(table.columns[plain.table.names.length + j]));
  });

  it('applies a fitted recipe with the group to new rows, and refuses to change its groups', () => {
    const again = buildFeatures(derivedFixtureTables(), recipe);
    expect(again.table.names).toEqual(table.names);
    again.table.columns.forEach((c, j) => expect(c).toEqual(table.columns[j]));
    expect(() => buildFeatures(tables, recipe, { extraGroups: [] })).toThrow(
      expect.objectContaining({ code: 'FEATURES_GROUPS_MISMATCH' }),
    );
    expect(() => buildFeatures(tables, plain.recipe, { extraGroups: ['derived'] })).toThrow(DataError);
    expect(() => fitRecipe(tables, { extraGroups: ['nope' as 'derived'] })).toThrow(
      expect.objectContaining({ code: 'FEATURES_UNKNOWN_GROUP' }),
    );
  });
});
