/**
 * Plain labels of the optional groups: "derived" (groups/derived.ts; the formula is the description) and
 * "loan-terms" (groups/loan-terms.ts).
 */
import { DERIVED_FEATURES } from '../groups/derived.js';
import type { ColumnLabel } from './columns.js';
import type { FieldUnit } from './unit.js';

const DERIVED_LABELS: Record<string, ColumnLabel> = {
  EXT_SOURCES_MEAN: ['External scores: average'],
  EXT_SOURCES_MIN: ['External scores: lowest'],
  EXT_SOURCES_MAX: ['External scores: highest'],
  EXT_SOURCES_STD: ['External scores: spread between them'],
  EXT_SOURCES_PROD: ['External scores: product of the three'],
  EXT_SOURCES_WEIGHTED: ['External scores: weighted average'],
  CREDIT_TO_GOODS: ['Loan amount relative to the price of the goods'],
  ID_PUBLISH_TO_BIRTH: ['Time since the identity document was changed, as a share of age', 'share'],
  PHONE_CHANGE_TO_BIRTH: ['Time since the last phone change, as a share of age', 'share'],
  REGISTRATION_TO_BIRTH: ['Time since the registration was changed, as a share of age', 'share'],
  CAR_AGE_TO_AGE: ["Age of the car as a share of the client's age", 'share'],
  DOCUMENT_COUNT: ['Documents provided'],
  BURO_DEBT_TO_INCOME: ['Debt at other institutions relative to income'],
  ACTIVE_DEBT_TO_CREDIT: ["Other institutions' active credits: share of the amount still owed", 'share'],
  ANNUITY_TO_PREV_ANNUITY: ['Loan annuity relative to the average annuity of previous applications'],
  CREDIT_TO_PREV_CREDIT: ['Loan amount relative to the average loan amount of previous applications'],
};

const LOAN_TERM_LABELS: Record<string, { label: string; description: string; unit?: FieldUnit }> = {
  LOAN_TERM_ESTIMATE: {
    label: 'Estimated number of monthly payments of this loan',
    description:
      'usual CNT_PAYMENT of previous cash loans with the same AMT_ANNUITY / AMT_CREDIT (optional loan-terms group; cash loans only)',
  },
  LOAN_RATE_ESTIMATE: {
    label: 'Estimated yearly interest rate of this loan',
    description:
      'yearly rate at which LOAN_TERM_ESTIMATE monthly payments of AMT_ANNUITY repay AMT_CREDIT (optional loan-terms group; cash loans only)',
    unit: 'share',
  },
};

/** Label, formula and unit of a feature of an optional group, or undefined for any other name. */
export function derivedLabel(
  feature: string,
): { label: string; description: string; unit?: FieldUnit } | undefined {
  if (LOAN_TERM_LABELS[feature]) return LOAN_TERM_LABELS[feature];
  const known = DERIVED_LABELS[feature];
  const derived = DERIVED_FEATURES.find((f) => f.name === feature);
  if (!known || !derived) return undefined;
  return {
    label: known[0],
    description: `${derived.formula} (optional derived group)`,
    ...(known[1] ? { unit: known[1] } : {}),
  };
}
