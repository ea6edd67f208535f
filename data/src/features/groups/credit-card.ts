/** credit_card_balance -> client: min/max/mean/sum/var of every column (CC_), and CC_COUNT. */
import type { AggOp } from '../kernel/aggregate.js';
import { countJoined, dictNames, rollupJoined, type AggDict } from '../kernel/block.js';
import { groupBy } from '../kernel/group-by.js';
import { numericColumn } from '../frame.js';
import type { FeatureRecipe } from '../recipe.js';
import { TableView } from '../table-view.js';
import type { FeatureGroup } from './group.js';
import { missingColumns } from './group.js';

const ALL: readonly AggOp[] = ['min', 'max', 'mean', 'sum', 'var'];
const NOT_AGGREGATED = new Set(['SK_ID_CURR', 'SK_ID_PREV']);

function ccDict(recipe: FeatureRecipe): AggDict {
  const view = new TableView(
    { nrows: 0, names: [], columns: new Map() },
    recipe.tables.credit_card_balance,
    true,
  );
  const numeric = view.numericColumns().filter((n) => !NOT_AGGREGATED.has(n));
  return [...numeric, ...view.oneHotNames()].map((n) => [n, ALL] as const);
}

export const creditCardGroup: FeatureGroup = {
  name: 'credit_card_balance',
  inputs: ['credit_card_balance'],

  declare(recipe) {
    return [...dictNames('CC_', ccDict(recipe)), 'CC_COUNT'];
  },

  compute({ frames, recipe, ids }, warn) {
    const frame = frames.credit_card_balance;
    if (!frame) {
      warn('credit_card_balance is absent: CC_ features are missing for every client.');
      return missingColumns(this.declare(recipe).length, ids.length);
    }
    const cc = new TableView(frame, recipe.tables.credit_card_balance, true);
    const g = groupBy(numericColumn(frame, 'SK_ID_CURR'));
    return [...rollupJoined(ids, g, cc, ccDict(recipe)), countJoined(ids, g)];
  },
};
