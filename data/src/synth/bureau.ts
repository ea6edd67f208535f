import type { Client } from './application.js';
import type { Random } from './random.js';
import { tilt } from './risk.js';
import type { TableOut } from './table-out.js';
import { tuning } from './tuning.js';

/** Counter shared across clients so SK_ID_BUREAU stays unique. */
export interface IdCounter {
  next: number;
}

/**
 * Writer of a client's credit-bureau loans and their monthly statuses. Riskier clients are more often
 * overdue (CREDIT_DAY_OVERDUE, AMT_CREDIT_SUM_OVERDUE) and show late months (STATUS 1-5).
 */
export function bureauWriter(
  bureau: TableOut,
  balance: TableOut,
  ids: IdCounter,
  rng: Random,
): (client: Client) => void {
  // Real share of loans overdue today, floored so the signal exists in small sets.
  const overdueBase = Math.max(0.01, bureau.column('CREDIT_DAY_OVERDUE').shareAbove(0));
  const creditSum = bureau.column('AMT_CREDIT_SUM');
  const creditActive = bureau.column('CREDIT_ACTIVE');
  // Kaggle's statuses are C, X and 0-5 (the sample holds a few stray labels); late ones are drawn by risk.
  const onTime = balance.column('STATUS').picker((s) => /^[CX0]$/.test(s));

  return (client) => {
    if (!rng.bernoulli(tuning.bureauShare)) return;
    const loans = 1 + rng.count(tuning.bureauMeanExtra, 1.2);
    for (let i = 0; i < loans; i++) {
      const id = ids.next++;
      const overdue = rng.bernoulli(tilt(overdueBase, client.risk, tuning.overdueTilt));
      const sum = creditSum.draw(rng);
      bureau.emit({
        SK_ID_CURR: client.id,
        SK_ID_BUREAU: id,
        CREDIT_ACTIVE: overdue ? 'Active' : creditActive.draw(rng),
        CREDIT_DAY_OVERDUE: overdue ? Math.round(Math.exp(rng.uniform() * 6.5)) : 0,
        AMT_CREDIT_SUM: sum,
        AMT_CREDIT_SUM_OVERDUE: overdue && typeof sum === 'number' ? sum * (0.01 + 0.3 * rng.uniform()) : 0,
      });
      if (!rng.bernoulli(tuning.bureauBalanceShare)) continue;
      const months = Math.min(97, 1 + rng.count(tuning.bureauBalanceMeanMonths - 1, 1.5));
      const lateShare = tilt(0.02, client.risk, tuning.overdueTilt);
      for (let m = 0; m < months; m++) {
        const late = rng.bernoulli(lateShare);
        balance.emit({
          SK_ID_BUREAU: id,
          MONTHS_BALANCE: -m,
          STATUS: late ? String(rng.bernoulli(0.8) ? 1 : rng.int(2, 5)) : onTime(rng),
        });
      }
    }
  };
}
