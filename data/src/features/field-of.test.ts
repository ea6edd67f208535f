import { buildFeatures } from './build.js';
import { fieldOfFeature, fieldsOfFeatures } from './field-of.js';
import { derivedFixtureTables } from './testing/derived-fixtures.js';
import { fixtureTables } from './testing/fixtures.js';

const { recipe } = buildFeatures(fixtureTables());

describe('fieldOfFeature', () => {
  it('folds application one-hot columns back into their source column', () => {
    expect(fieldOfFeature(recipe, 'NAME_CONTRACT_TYPE_Cash loans')).toBe('NAME_CONTRACT_TYPE');
    expect(fieldOfFeature(recipe, 'NAME_TYPE_SUITE_Spouse, partner')).toBe('NAME_TYPE_SUITE');
  });

  it('keeps numeric columns, ratios and aggregates as their own field', () => {
    expect(fieldOfFeature(recipe, 'AMT_CREDIT')).toBe('AMT_CREDIT');
    expect(fieldOfFeature(recipe, 'CODE_GENDER')).toBe('CODE_GENDER');
    expect(fieldOfFeature(recipe, 'PAYMENT_RATE')).toBe('PAYMENT_RATE');
    expect(fieldOfFeature(recipe, 'BURO_CREDIT_ACTIVE_Active_MEAN')).toBe('BURO_CREDIT_ACTIVE_Active_MEAN');
    // A prefix that is a column name but not one of its categories stays whole.
    expect(fieldOfFeature(recipe, 'NAME_CONTRACT_TYPE_Other')).toBe('NAME_CONTRACT_TYPE_Other');
  });

  it('keeps each derived feature as its own field', () => {
    const { recipe: withDerived } = buildFeatures(derivedFixtureTables(), undefined, {
      extraGroups: ['derived'],
    });
    const fields = fieldsOfFeatures(withDerived);
    for (const name of ['EXT_SOURCES_MEAN', 'CREDIT_TO_GOODS', 'DOCUMENT_COUNT', 'BURO_DEBT_TO_INCOME'])
      expect(fields[name]).toBe(name);
    expect(Object.keys(fields)).toEqual(withDerived.features);
  });

  it('maps every feature of the recipe', () => {
    const fields = fieldsOfFeatures(recipe);
    expect(Object.keys(fields)).toEqual(recipe.features);
    expect(new Set(Object.values(fields)).has('NAME_TYPE_SUITE')).toBe(true);
  });
});
