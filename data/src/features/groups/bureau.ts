/**
 * bureau_balance -> bureau -> client: BURO_ (all credits, numeric dictionary + one-hot means),
 * ACTIVE_ and CLOSED_ (numeric dictionary only), as kernel-features.md states.
 */
import type { AggOp } from '../kernel/aggregate.js';
import {
  dictNames,
  forEachAggregate,
  gather,
  joinIndex,
  rollupJoined,
  type AggDict,
} from '../kernel/block.js';
import { groupBy } from '../kernel/group-by.js';
import { numericColumn } from '../frame.js';
import type { FeatureRecipe } from '../recipe.js';
import { TableView } from '../table-view.js';
import type { FeatureGroup } from './group.js';
import { missingColumns } from './group.js';

const BB_NUMERIC: AggDict = [['MONTHS_BALANCE', ['min', 'max', 'size']]];

export const BUREAU_NUMERIC: AggDict = [
  ['DAYS_CREDIT', ['min', 'max', 'mean', 'var']],
  ['DAYS_CREDIT_ENDDATE', ['min', 'max', 'mean']],
  ['DAYS_CREDIT_UPDATE', ['mean']],
  ['CREDIT_DAY_OVERDUE', ['max', 'mean']],
  ['AMT_CREDIT_MAX_OVERDUE', ['mean']],
  ['AMT_CREDIT_SUM', ['max', 'mean', 'sum']],
  ['AMT_CREDIT_SUM_DEBT', ['max', 'mean', 'sum']],
  ['AMT_CREDIT_SUM_OVERDUE', ['mean']],
  ['AMT_CREDIT_SUM_LIMIT', ['mean', 'sum']],
  ['AMT_ANNUITY', ['max', 'mean']],
  ['CNT_CREDIT_PROLONG', ['sum']],
  ['MONTHS_BALANCE_MIN', ['min']],
  ['MONTHS_BALANCE_MAX', ['max']],
  ['MONTHS_BALANCE_SIZE', ['mean', 'sum']],
];

const MEAN: readonly AggOp[] = ['mean'];

/** bureau_balance aggregated per SK_ID_BUREAU: MONTHS_BALANCE_MIN/MAX/SIZE, STATUS_<v>_MEAN. */
function balanceDict(recipe: FeatureRecipe): AggDict {
  const view = new TableView({ nrows: 0, names: [], columns: new Map() }, recipe.tables.bureau_balance, true);
  return [...BB_NUMERIC, ...view.oneHotNames().map((n) => [n, MEAN] as const)];
}

/** BURO_ dictionary: numeric, then bureau one-hot means, then bureau_balance STATUS means. */
function buroDict(recipe: FeatureRecipe): AggDict {
  const bureau = new TableView({ nrows: 0, names: [], columns: new Map() }, recipe.tables.bureau, true);
  const balanceCats = dictNames('', balanceDict(recipe)).filter((n) => !n.startsWith('MONTHS_BALANCE_'));
  return [
    ...BUREAU_NUMERIC,
    ...bureau.oneHotNames().map((n) => [n, MEAN] as const),
    ...balanceCats.map((n) => [n, MEAN] as const),
  ];
}

export const bureauGroup: FeatureGroup = {
  name: 'bureau',
  inputs: ['bureau', 'bureau_balance'],

  declare(recipe) {
    return [
      ...dictNames('BURO_', buroDict(recipe)),
      ...dictNames('ACTIVE_', BUREAU_NUMERIC),
      ...dictNames('CLOSED_', BUREAU_NUMERIC),
    ];
  },

  compute({ frames, recipe, ids }, warn) {
    const bureauFrame = frames.bureau;
    if (!bureauFrame) {
      warn('bureau is absent: BURO_, ACTIVE_ and CLOSED_ features are missing for every client.');
      return missingColumns(this.declare(recipe).length, ids.length);
    }
    const bureau = new TableView(bureauFrame, recipe.tables.bureau, true);

    // 1. bureau_balance per SK_ID_BUREAU, left-joined onto the bureau rows.
    const bureauIds = numericColumn(bureauFrame, 'SK_ID_BUREAU');
    const bbFrame = frames.bureau_balance;
    if (!bbFrame) warn('bureau_balance is absent: its MONTHS_BALANCE_* and STATUS_* features are missing.');
    const bb = bbFrame ? new TableView(bbFrame, recipe.tables.bureau_balance, true) : undefined;
    const byBureau = bb ? groupBy(numericColumn(bb.frame, 'SK_ID_BUREAU')) : undefined;
    const index = byBureau ? joinIndex(bureauIds, byBureau) : undefined;
    const balanceNames = dictNames('', balanceDict(recipe));
    if (bb && byBureau && index) {
      let k = 0;
      forEachAggregate(byBureau, bb, balanceDict(recipe), (a) =>
        bureau.setDerived(balanceNames[k++]!, gather(index, a)),
      );
    } else for (const n of balanceNames) bureau.setDerived(n, new Float64Array(bureau.nrows).fill(NaN));

    // 2. Per client: all credits, then active ones, then closed ones.
    const clients = numericColumn(bureauFrame, 'SK_ID_CURR');
    const all = rollupJoined(ids, groupBy(clients), bureau, buroDict(recipe));
    const active = rollupJoined(
      ids,
      groupBy(clients, bureau.rowsWhere('CREDIT_ACTIVE', 'Active')),
      bureau,
      BUREAU_NUMERIC,
    );
    const closed = rollupJoined(
      ids,
      groupBy(clients, bureau.rowsWhere('CREDIT_ACTIVE', 'Closed')),
      bureau,
      BUREAU_NUMERIC,
    );
    return [...all, ...active, ...closed];
  },
};
