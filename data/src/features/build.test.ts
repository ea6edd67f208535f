import * as aq from 'arquero';
import { buildFeatures, fitRecipe } from './build.js';
import type { FeatureTable } from './feature-table.js';
import { applicationGroup } from './groups/application.js';
import { FEATURE_GROUPS } from './groups/index.js';
import { fixtureTables } from './testing/fixtures.js';

/** A feature column as a plain array (NaN, -0 and ±Infinity compared exactly by toEqual). */
function col(table: FeatureTable, name: string): number[] {
  const i = table.names.indexOf(name);
  if (i < 0) throw new Error(`no feature ${name}`);
  return Array.from(table.columns[i]!);
}

// Rows after the recipe: clients 1, 2, 4 (train; 3 is XNA) then 5 (test).
const { table, recipe, warnings } = buildFeatures(fixtureTables());

describe('application features', () => {
  it('stacks train then test and drops XNA genders', () => {
    expect(Array.from(table.ids)).toEqual([1, 2, 4, 5]);
    expect(Array.from(table.target)).toEqual([0, 1, 1, NaN]);
    expect(warnings).toEqual([]);
  });

  it('factorizes by first appearance after dropping XNA, train first (missing -> -1)', () => {
    expect(recipe.factorize).toEqual({
      CODE_GENDER: ['M', 'F'],
      FLAG_OWN_CAR: ['N', 'Y'],
      FLAG_OWN_REALTY: ['Y', 'N'],
    });
    expect(col(table, 'CODE_GENDER')).toEqual([0, 1, 0, 1]);
    expect(col(table, 'FLAG_OWN_CAR')).toEqual([0, 1, -1, 1]);
    expect(col(table, 'FLAG_OWN_REALTY')).toEqual([0, 0, 1, 1]);
  });

  it('one-hot encodes other text columns at the end, values verbatim and sorted, without _nan', () => {
    expect(table.names.slice(0, 13)).toEqual([
      'CODE_GENDER',
      'FLAG_OWN_CAR',
      'FLAG_OWN_REALTY',
      'AMT_INCOME_TOTAL',
      'AMT_CREDIT',
      'AMT_ANNUITY',
      'CNT_FAM_MEMBERS',
      'DAYS_BIRTH',
      'DAYS_EMPLOYED',
      'NAME_CONTRACT_TYPE_Cash loans',
      'NAME_CONTRACT_TYPE_Revolving loans',
      'NAME_TYPE_SUITE_Family',
      'NAME_TYPE_SUITE_Spouse, partner', // 'Unaccompanied' was only on the XNA row
    ]);
    expect(col(table, 'NAME_CONTRACT_TYPE_Revolving loans')).toEqual([0, 1, 0, 0]);
    expect(col(table, 'NAME_TYPE_SUITE_Spouse, partner')).toEqual([1, 0, 1, 0]); // missing -> all zeros
    expect(table.names).not.toContain('NAME_TYPE_SUITE_nan');
  });

  it('turns DAYS_EMPLOYED 365243 into missing, then divides with IEEE rules', () => {
    expect(col(table, 'DAYS_EMPLOYED')).toEqual([-100, NaN, 0, -50]);
    expect(col(table, 'DAYS_EMPLOYED_PERC')).toEqual([0.1, NaN, -0, 0.1]);
    expect(col(table, 'INCOME_CREDIT_PERC')).toEqual([2, Infinity, NaN, 2]);
    expect(col(table, 'INCOME_PER_PERSON')).toEqual([50, Infinity, NaN, 50]);
    expect(col(table, 'ANNUITY_INCOME_PERC')).toEqual([0.1, 0.1, Infinity, 0.1]);
    expect(col(table, 'PAYMENT_RATE')).toEqual([0.2, Infinity, Infinity, 0.2]);
  });
});

describe('bureau + bureau_balance features', () => {
  it('aggregates bureau_balance per credit, joins it onto bureau, then aggregates per client', () => {
    // Credit 10: months 0,-1,-2 (size 3), statuses C,0,missing; credit 11: one row, missing month, X.
    expect(col(table, 'BURO_MONTHS_BALANCE_MIN_MIN')).toEqual([-2, NaN, NaN, NaN]);
    expect(col(table, 'BURO_MONTHS_BALANCE_SIZE_MEAN')).toEqual([2, NaN, NaN, NaN]); // (3 + 1) / 2
    expect(col(table, 'BURO_MONTHS_BALANCE_SIZE_SUM')).toEqual([4, 0, NaN, NaN]); // client 4, 5: no bureau row
    // STATUS_0_MEAN: credit 10 -> 1/3, credit 11 -> 0, credit 12 (no balance rows) -> missing
    expect(col(table, 'BURO_STATUS_0_MEAN_MEAN')).toEqual([(1 / 3 + 0) / 2, NaN, NaN, NaN]);
    expect(col(table, 'BURO_STATUS_nan_MEAN_MEAN')).toEqual([(1 / 3 + 0) / 2, NaN, NaN, NaN]);
    expect(col(table, 'BURO_STATUS_X_MEAN_MEAN')).toEqual([0.5, NaN, NaN, NaN]); // credits 10 (0) and 11 (1)
  });

  it('uses sample variance, sum of nothing = 0 and one-hot means with _nan', () => {
    expect(col(table, 'BURO_DAYS_CREDIT_VAR')).toEqual([5000, NaN, NaN, NaN]); // -100, -200; one value -> missing
    expect(col(table, 'BURO_DAYS_CREDIT_MEAN')).toEqual([-150, -50, NaN, NaN]);
    expect(col(table, 'BURO_CNT_CREDIT_PROLONG_SUM')).toEqual([0, 1, NaN, NaN]);
    expect(col(table, 'BURO_CREDIT_ACTIVE_Active_MEAN')).toEqual([2 / 3, 0, NaN, NaN]);
    expect(col(table, 'BURO_CREDIT_CURRENCY_currency 1_MEAN')).toEqual([2 / 3, 0, NaN, NaN]);
    expect(col(table, 'BURO_CREDIT_CURRENCY_nan_MEAN')).toEqual([0, 1, NaN, NaN]);
  });

  it('aggregates active and closed credits apart (numeric dictionary only)', () => {
    expect(col(table, 'ACTIVE_DAYS_CREDIT_MEAN')).toEqual([-100, NaN, NaN, NaN]); // client 2 has none active
    expect(col(table, 'ACTIVE_CNT_CREDIT_PROLONG_SUM')).toEqual([0, NaN, NaN, NaN]);
    expect(col(table, 'CLOSED_DAYS_CREDIT_MIN')).toEqual([-200, NaN, NaN, NaN]);
    expect(table.names).not.toContain('ACTIVE_CREDIT_ACTIVE_Active_MEAN');
  });
});

describe('previous_application features', () => {
  it('divides APP_CREDIT_PERC with IEEE rules and skips NaN in min/max/mean', () => {
    // client 1: 100/50 = 2, 0/0 = NaN; client 2: 50/0 = Infinity
    expect(col(table, 'PREV_APP_CREDIT_PERC_MIN')).toEqual([2, Infinity, NaN, NaN]);
    expect(col(table, 'PREV_APP_CREDIT_PERC_VAR')).toEqual([NaN, NaN, NaN, NaN]);
    expect(col(table, 'PREV_CNT_PAYMENT_SUM')).toEqual([0, 12, NaN, NaN]);
    expect(col(table, 'PREV_NAME_CONTRACT_STATUS_Refused_MEAN')).toEqual([0.5, 0, NaN, NaN]);
    expect(col(table, 'APPROVED_AMT_APPLICATION_MAX')).toEqual([100, 50, NaN, NaN]);
    expect(col(table, 'REFUSED_AMT_APPLICATION_MAX')).toEqual([0, NaN, NaN, NaN]);
    expect(col(table, 'PREV_DAYS_DECISION_MIN')).toEqual([-20, 365243, NaN, NaN]); // 365243 kept: not a stated column
  });
});

describe('POS_CASH_balance features', () => {
  it('counts missing values in size and gives _nan means', () => {
    expect(col(table, 'POS_MONTHS_BALANCE_SIZE')).toEqual([2, 1, NaN, NaN]);
    expect(col(table, 'POS_MONTHS_BALANCE_MEAN')).toEqual([-1.5, NaN, NaN, NaN]);
    expect(col(table, 'POS_NAME_CONTRACT_STATUS_nan_MEAN')).toEqual([0.5, 0, NaN, NaN]);
    expect(col(table, 'POS_COUNT')).toEqual([2, 1, NaN, NaN]);
  });
});

describe('installments_payments features', () => {
  it('clips DPD/DBD to positive values (missing -> 0) and ignores missing in nunique', () => {
    // DPD = entry - due: 5, -5 -> 0, NaN -> 0 | 0 -> 0;  DBD = due - entry: -5 -> 0, 5, NaN -> 0 | 0
    expect(col(table, 'INSTAL_DPD_MAX')).toEqual([5, 0, NaN, NaN]);
    expect(col(table, 'INSTAL_DPD_MEAN')).toEqual([5 / 3, 0, NaN, NaN]);
    expect(col(table, 'INSTAL_DBD_SUM')).toEqual([5, 0, NaN, NaN]);
    expect(col(table, 'INSTAL_NUM_INSTALMENT_VERSION_NUNIQUE')).toEqual([1, 1, NaN, NaN]);
  });

  it('computes payment ratios with IEEE division and sample variance', () => {
    // PAYMENT_PERC: 1, 0.5, NaN | 10/0 = Infinity;  PAYMENT_DIFF: 0, 50, NaN | -10
    expect(col(table, 'INSTAL_PAYMENT_PERC_VAR')).toEqual([0.125, NaN, NaN, NaN]);
    expect(col(table, 'INSTAL_PAYMENT_PERC_MAX')).toEqual([1, Infinity, NaN, NaN]);
    expect(col(table, 'INSTAL_PAYMENT_DIFF_SUM')).toEqual([50, -10, NaN, NaN]);
    expect(col(table, 'INSTAL_AMT_PAYMENT_MIN')).toEqual([50, 10, NaN, NaN]);
    expect(col(table, 'INSTAL_COUNT')).toEqual([3, 1, NaN, NaN]);
  });
});

describe('credit_card_balance features', () => {
  it('aggregates every column but the ids, one-hot columns included', () => {
    expect(table.names.filter((n) => n.startsWith('CC_')).slice(0, 5)).toEqual([
      'CC_MONTHS_BALANCE_MIN',
      'CC_MONTHS_BALANCE_MAX',
      'CC_MONTHS_BALANCE_MEAN',
      'CC_MONTHS_BALANCE_SUM',
      'CC_MONTHS_BALANCE_VAR',
    ]);
    expect(table.names.some((n) => n.startsWith('CC_SK_ID'))).toBe(false);
    expect(col(table, 'CC_AMT_BALANCE_SUM')).toEqual([10, 5, NaN, NaN]);
    expect(col(table, 'CC_AMT_BALANCE_VAR')).toEqual([NaN, NaN, NaN, NaN]);
    expect(col(table, 'CC_NAME_CONTRACT_STATUS_Active_MIN')).toEqual([1, 0, NaN, NaN]);
    expect(col(table, 'CC_NAME_CONTRACT_STATUS_nan_SUM')).toEqual([0, 0, NaN, NaN]);
    expect(col(table, 'CC_COUNT')).toEqual([2, 1, NaN, NaN]);
  });
});

describe('groups and recipe', () => {
  it('each group produces exactly the columns it declares, in order', () => {
    const declared = [applicationGroup, ...FEATURE_GROUPS].flatMap((g) => g.declare(recipe));
    expect(table.names).toEqual(declared);
    expect(new Set(declared).size).toBe(declared.length);
    expect(table.columns).toHaveLength(declared.length);
  });

  it('applies a fitted recipe to new data: same columns, unseen categories give an all-zero group', () => {
    const tables = fixtureTables();
    const newcomer = aq.table({
      SK_ID_CURR: Float64Array.from([9]),
      NAME_CONTRACT_TYPE: ['Cash loans'],
      CODE_GENDER: ['F'],
      FLAG_OWN_CAR: ['Y'],
      FLAG_OWN_REALTY: ['Y'],
      NAME_TYPE_SUITE: ['Other_A'],
      AMT_INCOME_TOTAL: Float64Array.from([10]),
      AMT_CREDIT: Float64Array.from([5]),
      AMT_ANNUITY: Float64Array.from([1]),
      CNT_FAM_MEMBERS: Float64Array.from([1]),
      DAYS_BIRTH: Float64Array.from([-10]),
      DAYS_EMPLOYED: Float64Array.from([-1]),
    });
    const out = buildFeatures(
      { ...tables, application_train: undefined, application_test: newcomer },
      recipe,
    );
    expect(out.table.names).toEqual(table.names);
    expect(out.recipe.hash).toBe(recipe.hash);
    expect(col(out.table, 'NAME_TYPE_SUITE_Family')).toEqual([0]);
    expect(col(out.table, 'NAME_TYPE_SUITE_Spouse, partner')).toEqual([0]);
    expect(col(out.table, 'CODE_GENDER')).toEqual([1]);
  });

  it('yields missing values and a warning for an absent table, keeping the declared names', () => {
    const tables = fixtureTables();
    delete tables.credit_card_balance;
    const refit = fitRecipe(tables);
    const out = buildFeatures(tables, recipe);
    expect(out.table.names).toEqual(table.names);
    expect(out.warnings).toEqual([expect.stringContaining('credit_card_balance is absent')]);
    for (const name of table.names.filter((n) => n.startsWith('CC_')))
      expect(col(out.table, name).every(Number.isNaN)).toBe(true);
    expect(refit.features.filter((n) => n.startsWith('CC_'))).toEqual(['CC_COUNT']);
  });

  it('names one-hot and history columns exactly as the recipe does', () => {
    expect(table.names).toContain('BURO_CREDIT_CURRENCY_currency 1_MEAN');
    expect(table.names).toContain('BURO_STATUS_nan_MEAN_MEAN');
    expect(table.names).toContain('PREV_NAME_CONTRACT_STATUS_nan_MEAN');
    expect(recipe.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(JSON.stringify(recipe))).toEqual(recipe);
  });
});
