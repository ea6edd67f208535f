/**
 * Plain names of the Kaggle columns, for a reader who has never seen the data set. Kaggle's own
 * dictionary (HomeCredit_columns_description.csv) stays the long description; these are the short
 * labels shown in reasons and charts. Each entry: [label, unit of the raw value].
 */
import type { FieldUnit } from './unit.js';

export type ColumnLabel = readonly [label: string, unit?: FieldUnit];

/** Application columns (one client, at the time of the application). */
export const APPLICATION_LABELS: Record<string, ColumnLabel> = {
  NAME_CONTRACT_TYPE: ['Loan type (cash or revolving)'],
  CODE_GENDER: ['Gender'],
  FLAG_OWN_CAR: ['Owns a car'],
  FLAG_OWN_REALTY: ['Owns a house or flat'],
  CNT_CHILDREN: ['Number of children'],
  AMT_INCOME_TOTAL: ['Income', 'money'],
  AMT_CREDIT: ['Loan amount', 'money'],
  AMT_ANNUITY: ['Loan annuity', 'money'],
  AMT_GOODS_PRICE: ['Price of the goods bought', 'money'],
  NAME_TYPE_SUITE: ['Accompanied by, when applying'],
  NAME_INCOME_TYPE: ['Income type'],
  NAME_EDUCATION_TYPE: ['Education'],
  NAME_FAMILY_STATUS: ['Family status'],
  NAME_HOUSING_TYPE: ['Housing situation'],
  REGION_POPULATION_RELATIVE: ['Population density of the region'],
  DAYS_BIRTH: ['Age (years)', 'age'],
  DAYS_EMPLOYED: ['Time in current job (years)', 'employment'],
  DAYS_REGISTRATION: ['Time since the registration was changed (years)', 'days-ago'],
  DAYS_ID_PUBLISH: ['Time since the identity document was changed (years)', 'days-ago'],
  OWN_CAR_AGE: ['Age of the car (years)'],
  FLAG_MOBIL: ['Gave a mobile phone'],
  FLAG_EMP_PHONE: ['Gave a work phone (employer)'],
  FLAG_WORK_PHONE: ['Gave a work phone'],
  FLAG_CONT_MOBILE: ['Mobile phone reachable'],
  FLAG_PHONE: ['Gave a home phone'],
  FLAG_EMAIL: ['Gave an email address'],
  OCCUPATION_TYPE: ['Occupation'],
  CNT_FAM_MEMBERS: ['Family size'],
  REGION_RATING_CLIENT: ['Rating of the region (1 best, 3 worst)'],
  REGION_RATING_CLIENT_W_CITY: ['Rating of the region and city (1 best, 3 worst)'],
  WEEKDAY_APPR_PROCESS_START: ['Weekday of the application'],
  HOUR_APPR_PROCESS_START: ['Hour of the application'],
  REG_REGION_NOT_LIVE_REGION: ['Lives in another region than registered'],
  REG_REGION_NOT_WORK_REGION: ['Works in another region than registered'],
  LIVE_REGION_NOT_WORK_REGION: ['Works in another region than lives'],
  REG_CITY_NOT_LIVE_CITY: ['Lives in another city than registered'],
  REG_CITY_NOT_WORK_CITY: ['Works in another city than registered'],
  LIVE_CITY_NOT_WORK_CITY: ['Works in another city than lives'],
  ORGANIZATION_TYPE: ['Employer type'],
  EXT_SOURCE_1: ['External score 1'],
  EXT_SOURCE_2: ['External score 2'],
  EXT_SOURCE_3: ['External score 3'],
  FONDKAPREMONT_MODE: ['Building: repair fund'],
  HOUSETYPE_MODE: ['Building: house type'],
  TOTALAREA_MODE: ['Building: total area (normalised)'],
  WALLSMATERIAL_MODE: ['Building: wall material'],
  EMERGENCYSTATE_MODE: ['Building: in emergency state'],
  OBS_30_CNT_SOCIAL_CIRCLE: ['Acquaintances with a loan 30 days overdue observed'],
  DEF_30_CNT_SOCIAL_CIRCLE: ['Acquaintances who defaulted (30 days overdue)'],
  OBS_60_CNT_SOCIAL_CIRCLE: ['Acquaintances with a loan 60 days overdue observed'],
  DEF_60_CNT_SOCIAL_CIRCLE: ['Acquaintances who defaulted (60 days overdue)'],
  DAYS_LAST_PHONE_CHANGE: ['Time since the phone was changed (years)', 'days-ago'],
  // Ratios the recipe adds.
  DAYS_EMPLOYED_PERC: ['Share of life spent in the current job', 'share'],
  INCOME_CREDIT_PERC: ['Income relative to the loan amount'],
  INCOME_PER_PERSON: ['Income per family member', 'money'],
  ANNUITY_INCOME_PERC: ['Annuity as a share of income', 'share'],
  PAYMENT_RATE: ['Annuity as a share of the loan amount', 'share'],
};

/** The building columns (APARTMENTS_AVG, ..._MODE, ..._MEDI): what is measured. */
export const BUILDING_MEASURES: Record<string, string> = {
  APARTMENTS: 'apartment size',
  BASEMENTAREA: 'basement area',
  YEARS_BEGINEXPLUATATION: 'years in use',
  YEARS_BUILD: 'age of the building',
  COMMONAREA: 'common area',
  ELEVATORS: 'number of elevators',
  ENTRANCES: 'number of entrances',
  FLOORSMAX: 'highest floor',
  FLOORSMIN: 'lowest floor',
  LANDAREA: 'land area',
  LIVINGAPARTMENTS: 'living apartments',
  LIVINGAREA: 'living area',
  NONLIVINGAPARTMENTS: 'non-living apartments',
  NONLIVINGAREA: 'non-living area',
};

export const BUILDING_STATISTICS: Record<string, string> = {
  AVG: 'average',
  MODE: 'most common',
  MEDI: 'median',
};

export const CREDIT_BUREAU_PERIODS: Record<string, string> = {
  HOUR: 'hour',
  DAY: 'day',
  WEEK: 'week',
  MON: 'month',
  QRT: 'quarter',
  YEAR: 'year',
};

/** bureau (+ what the recipe joins from bureau_balance): one credit at another institution. */
export const BUREAU_LABELS: Record<string, ColumnLabel> = {
  DAYS_CREDIT: ['age of credit (years)', 'days-ago'],
  CREDIT_DAY_OVERDUE: ['days overdue (days)', 'days'],
  DAYS_CREDIT_ENDDATE: ['time left to the planned end (years)', 'days-ahead'],
  DAYS_ENDDATE_FACT: ['time since the credit ended (years)', 'days-ago'],
  AMT_CREDIT_MAX_OVERDUE: ['largest amount ever overdue', 'money'],
  CNT_CREDIT_PROLONG: ['number of extensions'],
  AMT_CREDIT_SUM: ['credit amount', 'money'],
  AMT_CREDIT_SUM_DEBT: ['debt', 'money'],
  AMT_CREDIT_SUM_LIMIT: ['credit card limit', 'money'],
  AMT_CREDIT_SUM_OVERDUE: ['amount overdue', 'money'],
  DAYS_CREDIT_UPDATE: ['time since the last update (years)', 'days-ago'],
  AMT_ANNUITY: ['annuity', 'money'],
  MONTHS_BALANCE_MIN: ['age of the oldest monthly record (months)', 'months-ago'],
  MONTHS_BALANCE_MAX: ['age of the latest monthly record (months)', 'months-ago'],
  MONTHS_BALANCE_SIZE: ['number of monthly records'],
  CREDIT_ACTIVE: ['status'],
  CREDIT_CURRENCY: ['currency'],
  CREDIT_TYPE: ['type'],
  STATUS: ['monthly status'],
};

/** Monthly statuses of a bureau credit (bureau_balance.STATUS). */
export const BUREAU_STATUS: Record<string, string> = {
  C: 'closed',
  X: 'with unknown status',
  '0': 'with no delay',
  '1': '1-30 days late',
  '2': '31-60 days late',
  '3': '61-90 days late',
  '4': '91-120 days late',
  '5': 'over 120 days late or written off',
};

/** previous_application: an earlier application of the same client here. */
export const PREVIOUS_LABELS: Record<string, ColumnLabel> = {
  NAME_CONTRACT_TYPE: ['loan type'],
  AMT_ANNUITY: ['annuity', 'money'],
  AMT_APPLICATION: ['amount asked', 'money'],
  AMT_CREDIT: ['amount granted', 'money'],
  APP_CREDIT_PERC: ['amount asked relative to amount granted'],
  AMT_DOWN_PAYMENT: ['down payment', 'money'],
  AMT_GOODS_PRICE: ['price of the goods', 'money'],
  WEEKDAY_APPR_PROCESS_START: ['weekday of the application'],
  HOUR_APPR_PROCESS_START: ['hour of the application'],
  FLAG_LAST_APPL_PER_CONTRACT: ['last application for its contract'],
  NFLAG_LAST_APPL_IN_DAY: ['last application of its day'],
  RATE_DOWN_PAYMENT: ['down payment rate', 'share'],
  RATE_INTEREST_PRIMARY: ['interest rate', 'share'],
  RATE_INTEREST_PRIVILEGED: ['privileged interest rate', 'share'],
  NAME_CASH_LOAN_PURPOSE: ['purpose'],
  NAME_CONTRACT_STATUS: ['outcome'],
  DAYS_DECISION: ['time since the decision (years)', 'days-ago'],
  NAME_PAYMENT_TYPE: ['payment method'],
  CODE_REJECT_REASON: ['refusal reason'],
  NAME_TYPE_SUITE: ['accompanied by'],
  NAME_CLIENT_TYPE: ['client type'],
  NAME_GOODS_CATEGORY: ['goods category'],
  NAME_PORTFOLIO: ['portfolio'],
  NAME_PRODUCT_TYPE: ['product type'],
  CHANNEL_TYPE: ['sales channel'],
  SELLERPLACE_AREA: ['seller area'],
  NAME_SELLER_INDUSTRY: ['seller industry'],
  CNT_PAYMENT: ['number of instalments'],
  NAME_YIELD_GROUP: ['interest rate group'],
  PRODUCT_COMBINATION: ['product combination'],
  DAYS_FIRST_DRAWING: ['time since the first drawing (years)', 'days-ago'],
  DAYS_FIRST_DUE: ['time since the first due date (years)', 'days-ago'],
  DAYS_LAST_DUE_1ST_VERSION: ['time since the first planned last due date (years)', 'days-ago'],
  DAYS_LAST_DUE: ['time since the last due date (years)', 'days-ago'],
  DAYS_TERMINATION: ['time since the planned end (years)', 'days-ago'],
  NFLAG_INSURED_ON_APPROVAL: ['insurance asked'],
};

/** POS_CASH_balance: monthly state of earlier point-of-sale and cash loans here. */
export const POS_LABELS: Record<string, ColumnLabel> = {
  MONTHS_BALANCE: ['age of the monthly records (months)', 'months-ago'],
  CNT_INSTALMENT: ['loan length (instalments)'],
  CNT_INSTALMENT_FUTURE: ['instalments left'],
  NAME_CONTRACT_STATUS: ['status'],
  SK_DPD: ['payment delay (days)', 'days'],
  SK_DPD_DEF: ['payment delay beyond tolerance (days)', 'days'],
};

/** installments_payments (+ what the recipe derives): one instalment of an earlier loan here. */
export const INSTALMENT_LABELS: Record<string, ColumnLabel> = {
  NUM_INSTALMENT_VERSION: ['instalment calendar versions'],
  NUM_INSTALMENT_NUMBER: ['instalment number'],
  DAYS_INSTALMENT: ['time since the due date (years)', 'days-ago'],
  DAYS_ENTRY_PAYMENT: ['time since the payment (years)', 'days-ago'],
  AMT_INSTALMENT: ['amount due', 'money'],
  AMT_PAYMENT: ['amount paid', 'money'],
  DPD: ['payment delay (days)', 'days'],
  DBD: ['days paid early (days)', 'days'],
  PAYMENT_PERC: ['share of the amount due that was paid', 'share'],
  PAYMENT_DIFF: ['amount due minus amount paid', 'money'],
};

/** credit_card_balance: monthly state of earlier credit cards here. */
export const CREDIT_CARD_LABELS: Record<string, ColumnLabel> = {
  MONTHS_BALANCE: ['age of the monthly records (months)', 'months-ago'],
  AMT_BALANCE: ['balance', 'money'],
  AMT_CREDIT_LIMIT_ACTUAL: ['credit limit', 'money'],
  AMT_DRAWINGS_ATM_CURRENT: ['cash withdrawn in the month', 'money'],
  AMT_DRAWINGS_CURRENT: ['amount drawn in the month', 'money'],
  AMT_DRAWINGS_OTHER_CURRENT: ['other drawings in the month', 'money'],
  AMT_DRAWINGS_POS_CURRENT: ['card purchases in the month', 'money'],
  AMT_INST_MIN_REGULARITY: ['minimum instalment', 'money'],
  AMT_PAYMENT_CURRENT: ['amount paid in the month', 'money'],
  AMT_PAYMENT_TOTAL_CURRENT: ['total paid in the month', 'money'],
  AMT_RECEIVABLE_PRINCIPAL: ['principal owed', 'money'],
  AMT_RECIVABLE: ['amount owed', 'money'],
  AMT_TOTAL_RECEIVABLE: ['total amount owed', 'money'],
  CNT_DRAWINGS_ATM_CURRENT: ['number of cash withdrawals in the month'],
  CNT_DRAWINGS_CURRENT: ['number of drawings in the month'],
  CNT_DRAWINGS_OTHER_CURRENT: ['number of other drawings in the month'],
  CNT_DRAWINGS_POS_CURRENT: ['number of card purchases in the month'],
  CNT_INSTALMENT_MATURE_CUM: ['instalments paid so far'],
  NAME_CONTRACT_STATUS: ['status'],
  SK_DPD: ['payment delay (days)', 'days'],
  SK_DPD_DEF: ['payment delay beyond tolerance (days)', 'days'],
};
