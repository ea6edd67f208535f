import type { Client } from './application.js';
import type { IdCounter } from './bureau.js';
import type { Cell } from './column.js';
import type { Random } from './random.js';
import { tilt } from './risk.js';
import type { RowValues, TableOut } from './table-out.js';
import { tuning } from './tuning.js';

/** The related Home Credit tables written per previous application. */
export interface PreviousTables {
  previous: TableOut;
  pos: TableOut;
  instalments: TableOut;
  card: TableOut;
}

const MAX_MONTHS = 96; // Kaggle's monthly tables go back 96 months

/**
 * Writer of a client's previous applications and, for approved ones, their monthly history: revolving
 * loans get credit_card_balance months, the others POS_CASH_balance months and installments_payments.
 * Riskier clients are refused more often, pay later and less, and show days past due.
 */
export function previousWriter(t: PreviousTables, ids: IdCounter, rng: Random): (client: Client) => void {
  const status = t.previous.column('NAME_CONTRACT_STATUS');
  const refusedBase = status.shareOf(new Set(['Refused']));
  const notRefused = status.picker((s) => s !== 'Refused');
  const rejectReason = t.previous.column('CODE_REJECT_REASON').picker((s) => s !== 'XAP');
  const contractType = t.previous.column('NAME_CONTRACT_TYPE');
  const annuity = t.previous.column('AMT_ANNUITY');
  const cntPayment = t.previous.column('CNT_PAYMENT');
  // Approved loans always have an annuity and a term, so the others carry the real missing share.
  const notApproved = 1 - status.shareOf(new Set(['Approved']));
  const annuityMissing = Math.min(1, annuity.missingRate / Math.max(1e-9, notApproved));
  const termMissing = Math.min(1, cntPayment.missingRate / Math.max(1e-9, notApproved));
  const orMissing = (missing: number, draw: () => Cell): Cell => (rng.bernoulli(missing) ? null : draw());
  const posStatus = t.pos.column('NAME_CONTRACT_STATUS').picker((s) => s === 'Active');
  const cardLimit = t.card.column('AMT_CREDIT_LIMIT_ACTUAL');
  const instalmentVersion = t.instalments.column('NUM_INSTALMENT_VERSION');
  const cardStatus = t.card.column('NAME_CONTRACT_STATUS').picker((s) => s === 'Active');

  /** A window of `months` ending 1..(96-months) months ago: [first, last], both negative. */
  const window = (months: number): [number, number] => {
    const last = -1 - Math.floor(rng.uniform() ** 2 * (MAX_MONTHS - months));
    return [last - months + 1, last];
  };

  const dpd = (risk: number): number =>
    rng.bernoulli(tilt(0.02, risk, tuning.dpdTilt)) ? Math.round(Math.exp(rng.uniform() * 4)) : 0;

  const emitPos = (client: Client, prev: number, months: number, first: number, term: number) => {
    for (let m = 0; m < months; m++) {
      const late = dpd(client.risk);
      t.pos.emit({
        SK_ID_PREV: prev,
        SK_ID_CURR: client.id,
        MONTHS_BALANCE: first + m,
        CNT_INSTALMENT: term,
        CNT_INSTALMENT_FUTURE: Math.max(0, term - m - 1),
        NAME_CONTRACT_STATUS: m === months - 1 && term - m - 1 <= 0 ? 'Completed' : posStatus(rng),
        SK_DPD: late,
        SK_DPD_DEF: late > 30 ? late : 0,
      });
    }
  };

  const emitInstalments = (
    client: Client,
    prev: number,
    months: number,
    firstDay: number,
    amount: number,
  ) => {
    const lateShare = tilt(tuning.lateBase, client.risk, tuning.lateTilt);
    const underShare = tilt(tuning.underpaidBase, client.risk, tuning.lateTilt);
    const version = instalmentVersion.draw(rng);
    for (let k = 1; k <= months; k++) {
      const due = Math.min(-1, firstDay + 30 * k);
      const late = rng.bernoulli(lateShare);
      const paid = rng.bernoulli(underShare) ? amount * (0.1 + 0.8 * rng.uniform()) : amount;
      const day = late ? Math.min(-1, due + rng.int(1, 60)) : due - Math.floor(rng.uniform() ** 2 * 30);
      const parts = rng.bernoulli(tuning.instalmentSplitShare) ? 2 : 1;
      for (let p = 0; p < parts; p++)
        t.instalments.emit({
          SK_ID_PREV: prev,
          SK_ID_CURR: client.id,
          NUM_INSTALMENT_VERSION: version,
          NUM_INSTALMENT_NUMBER: k,
          DAYS_INSTALMENT: due,
          DAYS_ENTRY_PAYMENT: day - p * rng.int(0, 10),
          AMT_INSTALMENT: amount,
          AMT_PAYMENT: paid / parts,
        });
    }
  };

  const emitCard = (client: Client, prev: number) => {
    const months = Math.min(MAX_MONTHS, 1 + rng.count(tuning.cardMeanMonths - 1, 1.2));
    const [first] = window(months);
    const limit = cardLimit.value(rng.uniform());
    const limitValue = typeof limit === 'number' ? limit : 0;
    for (let m = 0; m < months; m++) {
      const late = dpd(client.risk);
      t.card.emit({
        SK_ID_PREV: prev,
        SK_ID_CURR: client.id,
        MONTHS_BALANCE: first + m,
        AMT_CREDIT_LIMIT_ACTUAL: limit,
        AMT_BALANCE: limitValue * rng.uniform() * (late > 0 ? 1.1 : 0.7),
        NAME_CONTRACT_STATUS: cardStatus(rng),
        SK_DPD: late,
        SK_DPD_DEF: late > 30 ? late : 0,
      });
    }
  };

  return (client) => {
    if (!rng.bernoulli(tuning.previousShare)) return;
    const count = 1 + rng.count(tuning.previousMeanExtra, 1.3);
    for (let i = 0; i < count; i++) {
      const prev = ids.next++;
      const refused = rng.bernoulli(tilt(refusedBase, client.risk, tuning.refusedTilt));
      const state = refused ? 'Refused' : notRefused(rng);
      const type = contractType.draw(rng);
      const approved = state === 'Approved';
      const revolving = type === 'Revolving loans';
      const payment = annuity.value(rng.uniform());
      const amount = typeof payment === 'number' ? payment : 0;
      const months = Math.min(MAX_MONTHS, 1 + rng.count(tuning.posMeanMonths - 1, 1.5));
      const [first] = window(months);
      const decision = first * 30 - rng.int(0, 29);
      const row: RowValues = {
        SK_ID_PREV: prev,
        SK_ID_CURR: client.id,
        NAME_CONTRACT_TYPE: type,
        AMT_ANNUITY: approved ? payment : orMissing(annuityMissing, () => annuity.value(rng.uniform())),
        NAME_CONTRACT_STATUS: state,
        CODE_REJECT_REASON: refused ? rejectReason(rng) : 'XAP',
        CNT_PAYMENT: approved
          ? revolving
            ? cntPayment.value(rng.uniform())
            : months
          : orMissing(termMissing, () => cntPayment.value(rng.uniform())),
      };
      // Approved instalment loans: the decision opens the monthly history below.
      if (approved && !revolving) row.DAYS_DECISION = decision;
      t.previous.emit(row);
      if (!approved) continue;
      if (revolving) emitCard(client, prev);
      else {
        emitPos(client, prev, months, first, months);
        emitInstalments(client, prev, months, decision, amount);
      }
    }
  };
}
