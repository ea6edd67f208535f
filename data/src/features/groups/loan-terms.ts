/**
 * The "loan-terms" group: the likely length and interest rate of the loan applied for.
 *
 * The application gives the amount lent (AMT_CREDIT) and the monthly payment (AMT_ANNUITY), not the number
 * of payments; the lender's rate, its own pricing of the risk, follows only from all three. Previous
 * applications do state their number of payments (CNT_PAYMENT), so the recipe learns, from the previous
 * cash loans of the fitting data, the usual number of payments for each share of the loan paid monthly
 * (AMT_ANNUITY / AMT_CREDIT): the ratios are cut into bins of at least MIN_ROWS_PER_BIN loans (at most
 * MAX_BINS) and each bin keeps its median CNT_PAYMENT. For a cash-loan application:
 *   LOAN_TERM_ESTIMATE = that median for its ratio's bin (months)
 *   LOAN_RATE_ESTIMATE = the yearly rate (1 + r)^12 − 1, r the monthly rate for which the annuity formula
 *                        AMT_CREDIT · r / (1 − (1 + r)^−n) gives AMT_ANNUITY over n = LOAN_TERM_ESTIMATE
 *                        payments (0 when n payments repay no more than the amount lent)
 * Revolving loans (no fixed length) and rows missing an amount get missing values.
 * On the real sample the rate alone separates defaulters with ROC AUC 0.61 (AMT_ANNUITY / AMT_CREDIT: 0.54)
 * and it raised the network's 5-fold AUC by about 0.004 (docs/training.md).
 */
import type { Frame } from '../frame.js';
import { isNumeric } from '../frame.js';
import type { FeatureRecipe, LoanTermTable } from '../recipe.js';
import type { ComputedColumns, ExtraFeatureGroup } from './group.js';

export const LOAN_TERM_FEATURES = ['LOAN_TERM_ESTIMATE', 'LOAN_RATE_ESTIMATE'] as const;

/** A bin's median needs enough loans to be a usual length, not one client's. */
const MIN_ROWS_PER_BIN = 20;
const MAX_BINS = 200;
const CASH = 'Cash loans';
/** The application's one-hot column for a cash loan (the recipe's categorical encoding). */
const CASH_COLUMN = `NAME_CONTRACT_TYPE_${CASH}`;

/** Learns the usual number of payments per annuity/credit ratio from the previous cash loans. */
export function fitLoanTerms(previous: Frame | undefined): LoanTermTable {
  const pairs: [number, number][] = [];
  if (previous) {
    const type = previous.columns.get('NAME_CONTRACT_TYPE');
    const credit = previous.columns.get('AMT_CREDIT');
    const annuity = previous.columns.get('AMT_ANNUITY');
    const payments = previous.columns.get('CNT_PAYMENT');
    if (type && !isNumeric(type) && credit && annuity && payments) {
      const cashCode = type.values.indexOf(CASH);
      if (isNumeric(credit) && isNumeric(annuity) && isNumeric(payments) && cashCode >= 0)
        for (let r = 0; r < previous.nrows; r++) {
          const [c, a, n] = [credit[r]!, annuity[r]!, payments[r]!];
          if (type.codes[r] === cashCode && c > 0 && a > 0 && n > 0) pairs.push([a / c, n]);
        }
    }
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const bins = Math.min(MAX_BINS, Math.floor(pairs.length / MIN_ROWS_PER_BIN));
  const upperRatios: number[] = [];
  const terms: number[] = [];
  let start = 0;
  for (let b = 1; b <= bins; b++) {
    let end = b === bins ? pairs.length : Math.round((b * pairs.length) / bins);
    // Equal ratios stay in one bin (the lookup cannot tell them apart).
    while (end < pairs.length && pairs[end]![0] === pairs[end - 1]![0]) end++;
    if (end - start < MIN_ROWS_PER_BIN && b < bins) continue;
    if (end <= start) break;
    const lengths = pairs
      .slice(start, end)
      .map((p) => p[1])
      .sort((x, y) => x - y);
    upperRatios.push(pairs[end - 1]![0]);
    terms.push(median(lengths));
    start = end;
  }
  return { upperRatios, terms, loans: pairs.length };
}

/** The usual number of payments for a ratio: the first bin whose upper ratio is not below it (the last beyond). */
export function termFor(table: LoanTermTable, ratio: number): number {
  if (!Number.isFinite(ratio) || table.terms.length === 0) return NaN;
  let lo = 0;
  let hi = table.upperRatios.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.upperRatios[mid]! >= ratio) hi = mid;
    else lo = mid + 1;
  }
  return table.terms[lo]!;
}

/**
 * Yearly rate of a loan of `credit` repaid by `payments` monthly payments of `annuity`: the monthly r solving
 * credit · r / (1 − (1 + r)^−n) = annuity (bisection: the payment rises with r), then (1 + r)^12 − 1.
 */
export function yearlyRate(credit: number, annuity: number, payments: number): number {
  if (!(credit > 0 && annuity > 0 && payments > 0)) return NaN;
  if (annuity * payments <= credit) return 0;
  const paymentAt = (r: number) => (credit * r) / (1 - (1 + r) ** -payments);
  let lo = 0;
  let hi = 1;
  if (paymentAt(hi) < annuity) return (1 + hi) ** 12 - 1; // above 100% a month: capped
  for (let step = 0; step < 60; step++) {
    const mid = (lo + hi) / 2;
    if (paymentAt(mid) > annuity) hi = mid;
    else lo = mid;
  }
  return (1 + (lo + hi) / 2) ** 12 - 1;
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const loanTermsGroup: ExtraFeatureGroup = {
  name: 'loan-terms',

  declare: () => [...LOAN_TERM_FEATURES],

  compute(input: ComputedColumns, warn, recipe: FeatureRecipe) {
    const { nrows } = input;
    const term = new Float64Array(nrows).fill(NaN);
    const rate = new Float64Array(nrows).fill(NaN);
    const table = recipe.loanTerms;
    const credit = input.column('AMT_CREDIT');
    const annuity = input.column('AMT_ANNUITY');
    const cash = input.column(CASH_COLUMN);
    if (!table || table.terms.length === 0) {
      warn(
        'loan-terms: the recipe learnt no loan lengths (no previous cash loans with AMT_CREDIT, AMT_ANNUITY and CNT_PAYMENT when it was fitted); LOAN_TERM_ESTIMATE and LOAN_RATE_ESTIMATE are missing values.',
      );
      return [term, rate];
    }
    if (!credit || !annuity || !cash) {
      warn(
        `loan-terms: ${[!credit && 'AMT_CREDIT', !annuity && 'AMT_ANNUITY', !cash && CASH_COLUMN].filter(Boolean).join(', ')} absent from the recipe; LOAN_TERM_ESTIMATE and LOAN_RATE_ESTIMATE are missing values.`,
      );
      return [term, rate];
    }
    for (let r = 0; r < nrows; r++) {
      if (cash[r] !== 1) continue; // revolving (or unknown type): no fixed length
      const n = termFor(table, annuity[r]! / credit[r]!);
      term[r] = n;
      rate[r] = yearlyRate(credit[r]!, annuity[r]!, n);
    }
    return [term, rate];
  },
};
