/** previous_application -> client: PREV_ (numeric dictionary + one-hot means), APPROVED_, REFUSED_. */
import type { AggOp } from '../kernel/aggregate.js';
import { dictNames, rollupJoined, type AggDict } from '../kernel/block.js';
import { groupBy } from '../kernel/group-by.js';
import { numericColumn } from '../frame.js';
import type { FeatureRecipe } from '../recipe.js';
import { replaceWithMissing, TableView } from '../table-view.js';
import { divide } from './arithmetic.js';
import type { FeatureGroup } from './group.js';
import { missingColumns } from './group.js';

export const PREV_NUMERIC: AggDict = [
  ['AMT_ANNUITY', ['min', 'max', 'mean']],
  ['AMT_APPLICATION', ['min', 'max', 'mean']],
  ['AMT_CREDIT', ['min', 'max', 'mean']],
  ['APP_CREDIT_PERC', ['min', 'max', 'mean', 'var']],
  ['AMT_DOWN_PAYMENT', ['min', 'max', 'mean']],
  ['AMT_GOODS_PRICE', ['min', 'max', 'mean']],
  ['HOUR_APPR_PROCESS_START', ['min', 'max', 'mean']],
  ['RATE_DOWN_PAYMENT', ['min', 'max', 'mean']],
  ['DAYS_DECISION', ['min', 'max', 'mean']],
  ['CNT_PAYMENT', ['mean', 'sum']],
];

const DAYS_NOT_APPLICABLE = [
  'DAYS_FIRST_DRAWING',
  'DAYS_FIRST_DUE',
  'DAYS_LAST_DUE_1ST_VERSION',
  'DAYS_LAST_DUE',
  'DAYS_TERMINATION',
];

const MEAN: readonly AggOp[] = ['mean'];

function prevDict(recipe: FeatureRecipe): AggDict {
  const view = new TableView(
    { nrows: 0, names: [], columns: new Map() },
    recipe.tables.previous_application,
    true,
  );
  return [...PREV_NUMERIC, ...view.oneHotNames().map((n) => [n, MEAN] as const)];
}

export const previousGroup: FeatureGroup = {
  name: 'previous_application',
  inputs: ['previous_application'],

  declare(recipe) {
    return [
      ...dictNames('PREV_', prevDict(recipe)),
      ...dictNames('APPROVED_', PREV_NUMERIC),
      ...dictNames('REFUSED_', PREV_NUMERIC),
    ];
  },

  compute({ frames, recipe, ids }, warn) {
    const frame = frames.previous_application;
    if (!frame) {
      warn(
        'previous_application is absent: PREV_, APPROVED_ and REFUSED_ features are missing for every client.',
      );
      return missingColumns(this.declare(recipe).length, ids.length);
    }
    const prev = new TableView(frame, recipe.tables.previous_application, true);
    for (const name of DAYS_NOT_APPLICABLE)
      prev.setDerived(name, replaceWithMissing(numericColumn(frame, name), 365243));
    prev.setDerived('APP_CREDIT_PERC', divide(prev.column('AMT_APPLICATION'), prev.column('AMT_CREDIT')));

    const clients = numericColumn(frame, 'SK_ID_CURR');
    return [
      ...rollupJoined(ids, groupBy(clients), prev, prevDict(recipe)),
      ...rollupJoined(
        ids,
        groupBy(clients, prev.rowsWhere('NAME_CONTRACT_STATUS', 'Approved')),
        prev,
        PREV_NUMERIC,
      ),
      ...rollupJoined(
        ids,
        groupBy(clients, prev.rowsWhere('NAME_CONTRACT_STATUS', 'Refused')),
        prev,
        PREV_NUMERIC,
      ),
    ];
  },
};
