/** POS_CASH_balance -> client: POS_ aggregates, one-hot means and POS_COUNT. */
import type { AggOp } from '../kernel/aggregate.js';
import { countJoined, dictNames, rollupJoined, type AggDict } from '../kernel/block.js';
import { groupBy } from '../kernel/group-by.js';
import { numericColumn } from '../frame.js';
import type { FeatureRecipe } from '../recipe.js';
import { TableView } from '../table-view.js';
import type { FeatureGroup } from './group.js';
import { missingColumns } from './group.js';

const POS_NUMERIC: AggDict = [
  ['MONTHS_BALANCE', ['max', 'mean', 'size']],
  ['SK_DPD', ['max', 'mean']],
  ['SK_DPD_DEF', ['max', 'mean']],
];

const MEAN: readonly AggOp[] = ['mean'];

function posDict(recipe: FeatureRecipe): AggDict {
  const view = new TableView(
    { nrows: 0, names: [], columns: new Map() },
    recipe.tables.POS_CASH_balance,
    true,
  );
  return [...POS_NUMERIC, ...view.oneHotNames().map((n) => [n, MEAN] as const)];
}

export const posCashGroup: FeatureGroup = {
  name: 'POS_CASH_balance',
  inputs: ['POS_CASH_balance'],

  declare(recipe) {
    return [...dictNames('POS_', posDict(recipe)), 'POS_COUNT'];
  },

  compute({ frames, recipe, ids }, warn) {
    const frame = frames.POS_CASH_balance;
    if (!frame) {
      warn('POS_CASH_balance is absent: POS_ features are missing for every client.');
      return missingColumns(this.declare(recipe).length, ids.length);
    }
    const pos = new TableView(frame, recipe.tables.POS_CASH_balance, true);
    const g = groupBy(numericColumn(frame, 'SK_ID_CURR'));
    return [...rollupJoined(ids, g, pos, posDict(recipe)), countJoined(ids, g)];
  },
};
