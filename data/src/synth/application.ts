import { DAYS_CODE, type Cell } from './column.js';
import type { Random } from './random.js';
import { correlatedUniform, sigmoid } from './risk.js';
import type { RowValues, TableOut } from './table-out.js';
import { tuning } from './tuning.js';

/** What the related tables need to know about a client. */
export interface Client {
  id: number;
  risk: number;
  test: boolean;
}

const AMOUNTS = ['AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE'];
const EXT_SOURCES = ['EXT_SOURCE_1', 'EXT_SOURCE_2', 'EXT_SOURCE_3'];
const NO_EMPLOYER = new Set(['Pensioner', 'Unemployed']);

/**
 * Writer of application_train / application_test rows. Amounts share a size factor, EXT_SOURCE_* and
 * age lean on the hidden risk, pensioners carry DAYS_EMPLOYED = 365243 and ORGANIZATION_TYPE = XNA as
 * in Kaggle, and TARGET (train only) is drawn from the risk.
 */
export function applicationWriter(out: TableOut, rng: Random): (client: Client) => void {
  const employed = out.column('DAYS_EMPLOYED');
  const incomeType = out.column('NAME_INCOME_TYPE');
  // The code's real share, carried by the pensioners (and the few unemployed).
  const codeGivenNoEmployer = Math.min(
    1,
    employed.codeShare / Math.max(incomeType.shareOf(NO_EMPLOYER), 1e-9),
  );
  const organisation = out.column('ORGANIZATION_TYPE').picker((label) => label !== 'XNA');
  // Pensioners have no occupation: the others carry the rest of the real missing share.
  const occupation = out.column('OCCUPATION_TYPE');
  const codeShare = employed.codeShare;
  const occupationMissing = Math.max(0, (occupation.missingRate - codeShare) / Math.max(1e-9, 1 - codeShare));

  const leaning = (name: string, signal: number, rho: number): Cell => {
    const col = out.column(name);
    if (col.missingRate > 0 && rng.uniform() < col.missingRate) return null;
    return col.value(correlatedUniform(signal, rho, rng.normal()));
  };

  return (client) => {
    const v: RowValues = { SK_ID_CURR: client.id };
    if (!client.test)
      v.TARGET = rng.bernoulli(sigmoid(tuning.targetIntercept + tuning.targetSlope * client.risk)) ? 1 : 0;
    const size = rng.normal();
    for (const name of AMOUNTS) v[name] = leaning(name, size, tuning.amountRho);
    v.AMT_INCOME_TOTAL = leaning('AMT_INCOME_TOTAL', size, tuning.incomeRho);
    for (const name of EXT_SOURCES) v[name] = leaning(name, -client.risk, tuning.extSourceRho);
    v.DAYS_BIRTH = leaning('DAYS_BIRTH', client.risk, tuning.ageRho);

    const income = incomeType.draw(rng);
    v.NAME_INCOME_TYPE = income;
    if (typeof income === 'string' && NO_EMPLOYER.has(income) && rng.bernoulli(codeGivenNoEmployer)) {
      v.DAYS_EMPLOYED = DAYS_CODE;
      v.ORGANIZATION_TYPE = 'XNA';
      v.FLAG_EMP_PHONE = 0;
      v.OCCUPATION_TYPE = null;
    } else {
      v.DAYS_EMPLOYED = employed.value(rng.uniform());
      v.ORGANIZATION_TYPE = organisation(rng);
      v.FLAG_EMP_PHONE = 1;
      v.OCCUPATION_TYPE = rng.bernoulli(occupationMissing) ? null : occupation.value(rng.uniform());
    }
    out.emit(v);
  };
}
