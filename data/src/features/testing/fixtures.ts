/** Small hand-made Kaggle-shaped tables (loader representation) whose features the tests work out by hand. */
import * as aq from 'arquero';
import type { SourceTables } from '../build.js';

const f = (...v: number[]) => Float64Array.from(v);

export function fixtureTables(): SourceTables {
  return {
    application_train: aq.table({
      SK_ID_CURR: f(1, 2, 3, 4),
      TARGET: f(0, 1, 0, 1),
      NAME_CONTRACT_TYPE: ['Cash loans', 'Revolving loans', 'Cash loans', 'Cash loans'],
      CODE_GENDER: ['M', 'F', 'XNA', 'M'],
      FLAG_OWN_CAR: ['N', 'Y', 'N', null],
      FLAG_OWN_REALTY: ['Y', 'Y', 'N', 'N'],
      NAME_TYPE_SUITE: ['Spouse, partner', null, 'Unaccompanied', 'Spouse, partner'],
      AMT_INCOME_TOTAL: f(100, 200, 300, 0),
      AMT_CREDIT: f(50, 0, 100, 0),
      AMT_ANNUITY: f(10, 20, NaN, 5),
      CNT_FAM_MEMBERS: f(2, 0, 1, NaN),
      DAYS_BIRTH: f(-1000, -2000, -3000, -4000),
      DAYS_EMPLOYED: f(-100, 365243, -300, 0),
    }),
    application_test: aq.table({
      SK_ID_CURR: f(5),
      NAME_CONTRACT_TYPE: ['Cash loans'],
      CODE_GENDER: ['F'],
      FLAG_OWN_CAR: ['Y'],
      FLAG_OWN_REALTY: ['N'],
      NAME_TYPE_SUITE: ['Family'],
      AMT_INCOME_TOTAL: f(50),
      AMT_CREDIT: f(25),
      AMT_ANNUITY: f(5),
      CNT_FAM_MEMBERS: f(1),
      DAYS_BIRTH: f(-500),
      DAYS_EMPLOYED: f(-50),
    }),
    bureau: aq.table({
      SK_ID_CURR: f(1, 1, 1, 2),
      SK_ID_BUREAU: f(10, 11, 12, 20),
      CREDIT_ACTIVE: ['Active', 'Closed', 'Active', 'Sold'],
      CREDIT_CURRENCY: ['currency 1', 'currency 1', 'currency 2', null],
      DAYS_CREDIT: f(-100, -200, NaN, -50),
      CNT_CREDIT_PROLONG: f(NaN, NaN, NaN, 1),
    }),
    bureau_balance: aq.table({
      SK_ID_BUREAU: f(10, 10, 10, 11, 99),
      MONTHS_BALANCE: f(0, -1, -2, NaN, 0),
      STATUS: ['C', '0', null, 'X', '1'],
    }),
    previous_application: aq.table({
      SK_ID_PREV: f(100, 101, 102),
      SK_ID_CURR: f(1, 1, 2),
      NAME_CONTRACT_STATUS: ['Approved', 'Refused', 'Approved'],
      AMT_APPLICATION: f(100, 0, 50),
      AMT_CREDIT: f(50, 0, 0),
      DAYS_DECISION: f(-10, -20, 365243),
      CNT_PAYMENT: f(NaN, NaN, 12),
    }),
    POS_CASH_balance: aq.table({
      SK_ID_PREV: f(100, 100, 102),
      SK_ID_CURR: f(1, 1, 2),
      MONTHS_BALANCE: f(-1, -2, NaN),
      SK_DPD: f(0, 5, NaN),
      NAME_CONTRACT_STATUS: ['Active', null, 'Completed'],
    }),
    installments_payments: aq.table({
      SK_ID_PREV: f(100, 100, 100, 102),
      SK_ID_CURR: f(1, 1, 1, 2),
      NUM_INSTALMENT_VERSION: f(1, 1, NaN, 2),
      DAYS_INSTALMENT: f(-10, -20, -30, -5),
      DAYS_ENTRY_PAYMENT: f(-5, -25, NaN, -5),
      AMT_INSTALMENT: f(100, 100, 50, 0),
      AMT_PAYMENT: f(100, 50, NaN, 10),
    }),
    credit_card_balance: aq.table({
      SK_ID_PREV: f(7, 7, 8),
      SK_ID_CURR: f(1, 1, 2),
      MONTHS_BALANCE: f(-1, -2, -1),
      AMT_BALANCE: f(10, NaN, 5),
      NAME_CONTRACT_STATUS: ['Active', 'Active', 'Signed'],
    }),
  };
}
