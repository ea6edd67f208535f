import { buildFeatures } from './build.js';
import { DataError } from '../errors.js';
import { onlineFeatures } from './online.js';
import { fixtureTables } from './testing/fixtures.js';
import { derivedFixtureTables } from './testing/derived-fixtures.js';
import { clientInputs, differences, rowIndex } from './testing/histories.js';

const tables = fixtureTables();
const { table, recipe } = buildFeatures(tables);
const rows = rowIndex(table);

describe('onlineFeatures', () => {
  it('equals the batch row bit for bit for every fixture client, with and without history', () => {
    const inputs = clientInputs(tables);
    let compared = 0;
    for (const [id, { application, history }] of inputs) {
      const row = rows.get(id);
      if (row === undefined) continue; // client 3 is an XNA row, not in the batch table
      expect(differences(table, row, onlineFeatures(application, history, recipe))).toEqual([]);
      compared++;
    }
    expect(compared).toBe(4);
  });

  it('equals the batch row with the derived group on, which it computes too', () => {
    const withInputs = derivedFixtureTables();
    const built = buildFeatures(withInputs, undefined, { extraGroups: ['derived'] });
    const builtRows = rowIndex(built.table);
    const recipeColumns = buildFeatures(withInputs).table.names.length;
    let compared = 0;
    for (const [id, { application, history }] of clientInputs(withInputs)) {
      const row = builtRows.get(id);
      if (row === undefined) continue;
      const v = onlineFeatures(application, history, built.recipe);
      expect(differences(built.table, row, v)).toEqual([]);
      expect(v.length).toBe(recipeColumns + 16);
      compared++;
    }
    expect(compared).toBe(4);
    const { application } = clientInputs(withInputs).get(1)!;
    const alone = onlineFeatures(application, {}, built.recipe); // no history sent: history ratios missing
    expect(alone[built.recipe.features.indexOf('CREDIT_TO_GOODS')]).toBe(1.25);
    expect(alone[built.recipe.features.indexOf('CREDIT_TO_PREV_CREDIT')]).toBeNaN();
  });

  it('gives missing history features to a new client without history or id', () => {
    const { application } = clientInputs(tables).get(4)!;
    const { SK_ID_CURR: _, ...withoutId } = application;
    const v = onlineFeatures(withoutId, {}, recipe);
    expect(differences(table, rows.get(4)!, v)).toEqual([]); // client 4 has no history in the fixture either
    expect(Number.isNaN(v[recipe.features.indexOf('BURO_DAYS_CREDIT_MEAN')]!)).toBe(true);
    expect(v[recipe.features.indexOf('INCOME_PER_PERSON')]).toBeNaN();
  });

  it('rejects a field that is not a number, naming it', () => {
    const { application } = clientInputs(tables).get(1)!;
    expect(() => onlineFeatures({ ...application, AMT_CREDIT: 'a lot' }, {}, recipe)).toThrow(DataError);
    expect(() => onlineFeatures({ ...application, AMT_CREDIT: 'a lot' }, {}, recipe)).toThrow(/AMT_CREDIT/);
  });

  it('accepts numbers sent as strings and categories sent as numbers', () => {
    const { application, history } = clientInputs(tables).get(1)!;
    const asText = { ...application, AMT_CREDIT: '50', DAYS_BIRTH: '-1000' };
    const bb = history.bureau_balance!.map((r) => ({ ...r, STATUS: r.STATUS === '0' ? 0 : r.STATUS }));
    const v = onlineFeatures(asText, { ...history, bureau_balance: bb }, recipe);
    expect(differences(table, rows.get(1)!, v)).toEqual([]);
  });
});
