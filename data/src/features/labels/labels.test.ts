/**
 * Every feature the recipe produces gets a plain label (no raw column name left), on the hand-made
 * fixture and on the real sample (../shared/data/home-credit-sample: all its tables, so every
 * aggregate and every one-hot category the sample has).
 */
import { fitRecipe } from '../build.js';
import { fieldsOfFeatures } from '../field-of.js';
import type { FeatureRecipe } from '../recipe.js';
import { derivedFixtureTables } from '../testing/derived-fixtures.js';
import { fixtureTables } from '../testing/fixtures.js';
import { loadTables, sampleAvailable, sampleDir } from '../testing/load-sample.js';
import { featureLabel, featureLabels } from './index.js';

const available = sampleAvailable();
if (!available && process.env.CI === 'true')
  throw new Error(`CI=true but the real sample is missing at ${sampleDir}: CI must provide ../shared/data.`);
if (!available) console.warn(`Skipping the real-sample label test: ${sampleDir} is absent.`);

/** Raw names left in a label, outside the quoted category values. */
function rawTokens(label: string): string[] {
  const unquoted = label.replace(/"[^"]*"/g, '""');
  return unquoted.match(/[A-Za-z0-9]*_[A-Za-z0-9_]*|\b[A-Z]{2,}[A-Z0-9]*\b/g) ?? [];
}

function expectEveryFeatureLabelled(recipe: FeatureRecipe): void {
  const unlabelled = recipe.features.filter((f) => {
    const l = featureLabel(recipe, f);
    return !l || l.label === f || rawTokens(l.label).length > 0;
  });
  expect(unlabelled).toEqual([]);
  const info = featureLabels(recipe);
  for (const field of new Set(Object.values(fieldsOfFeatures(recipe))))
    expect(rawTokens(info[field]?.label ?? field)).toEqual([]);
}

describe('plain labels of the recipe features', () => {
  it('labels application columns, one-hot categories, ratios and history aggregates', () => {
    const recipe = fitRecipe(fixtureTables());
    expectEveryFeatureLabelled(recipe);
    const label = (f: string) => featureLabel(recipe, f);
    expect(label('DAYS_BIRTH')).toMatchObject({ label: 'Age (years)', unit: 'age' });
    expect(label('DAYS_EMPLOYED')).toMatchObject({ unit: 'employment' });
    expect(label('PAYMENT_RATE')).toMatchObject({ label: 'Annuity as a share of the loan amount' });
    expect(label('BURO_DAYS_CREDIT_MEAN')).toMatchObject({
      label: "Other institutions' credits: average age of credit (years)",
      unit: 'days-ago',
    });
    expect(label('BURO_DAYS_CREDIT_VAR')?.unit).toBeUndefined(); // a variance has no unit to convert
    expect(label('NAME_TYPE_SUITE_Spouse, partner')?.label).toBe(
      'Accompanied by, when applying: "Spouse, partner"',
    );
    expect(label('NOT_A_FEATURE')).toBeUndefined();
  });

  it('labels the derived group, each feature with its formula', () => {
    const recipe = fitRecipe(derivedFixtureTables(), { extraGroups: ['derived'] });
    expect(recipe.features).toContain('EXT_SOURCES_MEAN');
    expectEveryFeatureLabelled(recipe);
    const label = (f: string) => featureLabel(recipe, f);
    expect(label('EXT_SOURCES_MEAN')?.label).toBe('External scores: average');
    expect(label('CREDIT_TO_GOODS')).toMatchObject({
      label: 'Loan amount relative to the price of the goods',
      description: expect.stringContaining('AMT_CREDIT / AMT_GOODS_PRICE'),
    });
    expect(label('DOCUMENT_COUNT')?.label).toBe('Documents provided');
    expect(label('PHONE_CHANGE_TO_BIRTH')).toMatchObject({
      label: 'Time since the last phone change, as a share of age',
      unit: 'share',
    });
    // Not read as a BURO_ aggregate.
    expect(label('BURO_DEBT_TO_INCOME')?.label).toBe('Debt at other institutions relative to income');
  });

  it("gives factorized columns their categories, so code 1 of CODE_GENDER reads as the recipe's category", () => {
    const recipe = fitRecipe(fixtureTables());
    const info = featureLabels(recipe);
    expect(info.CODE_GENDER).toMatchObject({ label: 'Gender', categories: recipe.factorize.CODE_GENDER });
    expect(info.FLAG_OWN_REALTY?.categories).toEqual(recipe.factorize.FLAG_OWN_REALTY);
    expect(recipe.factorize.FLAG_OWN_REALTY![0]).toBe('Y'); // code 0 is "yes": a 0/1 reading would invert it
    expect(info.AMT_CREDIT?.categories).toBeUndefined();
  });

  it('labels the loan-terms group, the rate as a share', () => {
    const recipe = fitRecipe(fixtureTables(), { extraGroups: ['loan-terms'] });
    expectEveryFeatureLabelled(recipe);
    expect(featureLabel(recipe, 'LOAN_RATE_ESTIMATE')).toMatchObject({
      label: 'Estimated yearly interest rate of this loan',
      unit: 'share',
    });
  });

  it('keeps Kaggle descriptions and labels what the dictionary alone does not', () => {
    const recipe = fitRecipe(fixtureTables());
    const info = featureLabels(recipe, {
      EXT_SOURCE_2: { label: 'Normalized score from external data source', description: 'from Kaggle' },
      AMT_CREDIT: { label: 'Credit amount of the loan', description: 'Credit amount of the loan' },
    });
    expect(info.AMT_CREDIT).toMatchObject({ label: 'Loan amount', unit: 'money' });
    expect(info.EXT_SOURCE_2?.description).toBe('from Kaggle'); // not in the fixture recipe: kept
    expect(info.NAME_TYPE_SUITE?.label).toBe('Accompanied by, when applying');
  });

  (available ? it : it.skip)(
    'labels every feature of a recipe fitted on the real sample',
    async () => {
      // With the derived group, so its features are checked too.
      const recipe = fitRecipe(await loadTables(sampleDir), { extraGroups: ['derived', 'loan-terms'] });
      expect(recipe.features.length).toBeGreaterThan(700);
      expect(recipe.features).toContain('CREDIT_TO_PREV_CREDIT');
      expectEveryFeatureLabelled(recipe);
      expect(featureLabel(recipe, 'INSTAL_DPD_MAX')).toMatchObject({
        label: 'Instalments of previous loans: largest payment delay (days)',
        unit: 'days',
      });
      expect(featureLabel(recipe, 'BURO_STATUS_1_MEAN_MEAN')?.label).toBe(
        "Other institutions' credits: average share of months 1-30 days late",
      );
    },
    180_000,
  );
});
