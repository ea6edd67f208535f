/** installments_payments -> client: payment ratios, days past/before due, INSTAL_ aggregates. */
import type { AggOp } from '../kernel/aggregate.js';
import { countJoined, dictNames, rollupJoined, type AggDict } from '../kernel/block.js';
import { groupBy } from '../kernel/group-by.js';
import { numericColumn } from '../frame.js';
import type { FeatureRecipe } from '../recipe.js';
import { TableView } from '../table-view.js';
import { divide, positiveOrZero, subtract } from './arithmetic.js';
import type { FeatureGroup } from './group.js';
import { missingColumns } from './group.js';

const INSTAL_NUMERIC: AggDict = [
  ['NUM_INSTALMENT_VERSION', ['nunique']],
  ['DPD', ['max', 'mean', 'sum']],
  ['DBD', ['max', 'mean', 'sum']],
  ['PAYMENT_PERC', ['max', 'mean', 'sum', 'var']],
  ['PAYMENT_DIFF', ['max', 'mean', 'sum', 'var']],
  ['AMT_INSTALMENT', ['max', 'mean', 'sum']],
  ['AMT_PAYMENT', ['min', 'max', 'mean', 'sum']],
  ['DAYS_ENTRY_PAYMENT', ['max', 'mean', 'sum']],
];

const MEAN: readonly AggOp[] = ['mean'];

function instalDict(recipe: FeatureRecipe): AggDict {
  const view = new TableView(
    { nrows: 0, names: [], columns: new Map() },
    recipe.tables.installments_payments,
    true,
  );
  return [...INSTAL_NUMERIC, ...view.oneHotNames().map((n) => [n, MEAN] as const)];
}

export const installmentsGroup: FeatureGroup = {
  name: 'installments_payments',
  inputs: ['installments_payments'],

  declare(recipe) {
    return [...dictNames('INSTAL_', instalDict(recipe)), 'INSTAL_COUNT'];
  },

  compute({ frames, recipe, ids }, warn) {
    const frame = frames.installments_payments;
    if (!frame) {
      warn('installments_payments is absent: INSTAL_ features are missing for every client.');
      return missingColumns(this.declare(recipe).length, ids.length);
    }
    const ins = new TableView(frame, recipe.tables.installments_payments, true);
    const paid = ins.column('AMT_PAYMENT');
    const due = ins.column('AMT_INSTALMENT');
    const entry = ins.column('DAYS_ENTRY_PAYMENT');
    const dueDay = ins.column('DAYS_INSTALMENT');
    ins.setDerived('PAYMENT_PERC', divide(paid, due));
    ins.setDerived('PAYMENT_DIFF', subtract(due, paid));
    ins.setDerived('DPD', positiveOrZero(subtract(entry, dueDay)));
    ins.setDerived('DBD', positiveOrZero(subtract(dueDay, entry)));
    const g = groupBy(numericColumn(frame, 'SK_ID_CURR'));
    return [...rollupJoined(ids, g, ins, instalDict(recipe)), countJoined(ids, g)];
  },
};
