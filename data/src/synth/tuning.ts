/**
 * The generator's knobs, in one place. Counts are Kaggle's (full download, 356,255 clients):
 * bureau 1,716,428 rows for 305,811 clients, bureau_balance 27.3M rows, previous_application 1,670,214
 * for 338,857 clients, POS_CASH 10.0M, installments 13.6M, credit_card 3.84M rows for 103,558 clients.
 * Effects of the hidden risk factor r ~ N(0,1) are set so that a model reaches an AUC near 0.75.
 */
export const tuning = {
  /** logit P(TARGET=1) = intercept + slope * r; intercept chosen for ~8% defaults. */
  targetIntercept: -3.25,
  targetSlope: 1.45,
  /** Correlation of each EXT_SOURCE with -r (higher score = safer). */
  extSourceRho: 0.42,
  /** Correlation of age (DAYS_BIRTH nearer 0 = younger) with r. */
  ageRho: 0.2,
  /** Shared "size" factor of the amounts of one application. */
  amountRho: 0.92,
  incomeRho: 0.45,

  bureauShare: 0.858,
  bureauMeanExtra: 4.61, // loans beyond the first, for clients with any
  bureauBalanceShare: 0.48, // loans with monthly rows
  bureauBalanceMeanMonths: 33,
  overdueTilt: 1.1,

  previousShare: 0.951,
  previousMeanExtra: 3.93,
  refusedTilt: 0.55,
  posMeanMonths: 10.95,
  instalmentSplitShare: 0.36, // instalments paid in two rows
  cardMeanMonths: 33,
  lateTilt: 0.9,
  lateBase: 0.07,
  underpaidBase: 0.06,
  dpdTilt: 1.0,
} as const;
