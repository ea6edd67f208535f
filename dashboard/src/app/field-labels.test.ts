/**
 * No English left in the French UI's field words: every field the API can send (the application's
 * columns in the client view, every business field of a recipe fitted on synthetic data in reasons and
 * the model view, the derived group included), its tooltip and every category value of the data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  featureLabels,
  fieldsOfFeatures,
  fitRecipe,
  kaggleSchemas,
  loadKaggleDir,
  synthesizeKaggleDir,
  type FeatureLabel,
  type FeatureRecipe,
} from '@credit/data';
import { categoryLabel } from './category-labels.js';
import { fieldDescription } from './field-descriptions.js';
import { buildingLabel, fieldLabel } from './field-labels.js';
import { historyLabel } from './history-labels.js';

/**
 * English words of the API's labels, descriptions and Kaggle's category values that French does not
 * share (not "total", "type", "score", "document", "mobile", "minimum"...), and Kaggle's codes.
 */
const ENGLISH =
  /(?<!\p{L})(the|of|and|with|without|for|by|in|at|to|from|is|was|did|does|has|have|client's|amount|number|average|share|time|since|days?|years?|months?|last|first|paid|due|owed|drawn|drawings?|instalments?|loans?|applications?|credits?|building|provided|given|enquiries|rate|status|debt|limit|largest|smallest|variability|approved|refused|canceled|active|closed|completed|signed|cash|cards?|other|others|unknown|goods|price|income|annuity|external|family|house|flat|phone|city|work|living|registered|yes|no|not|normali[sz]ed|average|median|floor|area|apartments?|wall|repair|fund|emergency|state|purpose|purchase|buying|new|used|repairs|household|interest|street|x-sell|walk-in|pos|xna|xap|how|many|what|which|who|did|flag)(?!\p{L})/iu;

const englishIn = (text: string): string[] => text.match(new RegExp(ENGLISH, 'giu')) ?? [];

/** Raw names left outside the quoted category values ("AMT_CREDIT", "HOUSETYPE"...). */
const rawTokens = (label: string): string[] =>
  label.replace(/«[^»]*»|"[^"]*"/g, '').match(/[A-Za-z0-9]*_[A-Za-z0-9_]*|\b[A-Z]{2,}[A-Z0-9]*\b/g) ?? [];

const shown = (name: string): boolean => name !== 'SK_ID_CURR' && name !== 'TARGET';

describe('French words for the fields of the client view (application columns)', () => {
  const columns = kaggleSchemas.application_train.columns.filter((c) => shown(c.name));

  it('labels every column in French, never with the English label or a raw name', () => {
    const wrong = columns
      .map((c) => ({ name: c.name, fr: fieldLabel(c.name, `${c.name} in English`, 'fr') }))
      .filter(({ fr }) => fr.includes('in English') || englishIn(fr).length > 0 || rawTokens(fr).length > 0);
    expect(wrong).toEqual([]);
  });

  it('gives every column a French tooltip, not the dictionary’s English one', () => {
    const wrong = columns
      .map((c) => ({ name: c.name, fr: fieldDescription(c.name, c.description, 'fr') ?? '(none)' }))
      .filter(({ fr }) => fr === '(none)' || englishIn(fr).length > 0);
    expect(wrong).toEqual([]);
    expect(fieldDescription('AMT_ANNUITY', 'Loan annuity', 'fr')).toBe(
      'Annuité du prêt : somme à rembourser chaque année.',
    );
  });

  it('keeps the API’s English tooltip in English', () => {
    expect(fieldDescription('AMT_ANNUITY', 'Loan annuity', 'en')).toBe('Loan annuity');
    // An unknown field has no French sentence: no tooltip rather than the English one.
    expect(fieldDescription('SOME_NEW_FIELD', 'Something new', 'fr')).toBeUndefined();
  });

  it('spells the 47 building statistics out in French and English', () => {
    const building = columns.filter((c) => /_(AVG|MODE|MEDI)$/.test(c.name));
    expect(building).toHaveLength(47);
    for (const c of building) expect(buildingLabel(c.name, 'fr')).toMatch(/^Immeuble : /);
    expect(fieldLabel('LIVINGAREA_MEDI', 'Building: median living area (normalised)', 'fr')).toBe(
      'Immeuble : surface habitable (médiane, normalisée)',
    );
    expect(fieldLabel('APARTMENTS_AVG', undefined, 'en')).toBe(
      'Building: average apartment size (normalised)',
    );
    expect(fieldLabel('APARTMENTS_AVG', 'Building: the API’s words', 'en')).toBe('Building: the API’s words');
  });
});

describe('French words for every field and category of a fitted recipe', () => {
  let dir = '';
  let recipe: FeatureRecipe;
  let english: Record<string, FeatureLabel>;
  let fields: string[];

  beforeAll(async () => {
    // The browser test's synthetic set (600 + 100 clients, seed 7): every history table, most categories.
    dir = await mkdtemp(join(tmpdir(), 'dashboard-labels-'));
    await synthesizeKaggleDir({ outDir: dir, clients: 600, testClients: 100, seed: 7 });
    recipe = fitRecipe(await loadKaggleDir(dir), { extraGroups: ['derived', 'loan-terms'] });
    english = featureLabels(recipe);
    fields = [...new Set([...recipe.features, ...Object.values(fieldsOfFeatures(recipe))])];
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('labels every feature and business field in French, history aggregates included', () => {
    expect(fields.filter((f) => historyLabel(f, 'fr')).length).toBeGreaterThan(300);
    const wrong = fields
      .map((f) => ({ f, en: english[f]?.label, fr: fieldLabel(f, english[f]?.label, 'fr') }))
      .filter(({ en, fr }) => fr === en || englishIn(fr).length > 0 || rawTokens(fr).length > 0);
    expect(wrong).toEqual([]);
  });

  it('labels them in English without a raw name when an older bundle sends none', () => {
    const wrong = fields
      .map((f) => ({ f, en: fieldLabel(f, undefined, 'en') }))
      .filter(({ en }) => rawTokens(en).length > 0);
    expect(wrong).toEqual([]);
  });

  it('translates every category value of every table', () => {
    const wrong = Object.entries(recipe.tables).flatMap(([table, t]) =>
      Object.entries(t.categories).flatMap(([column, values]) =>
        values
          .map((v) => ({ table, column, v, fr: categoryLabel(v, 'fr') }))
          .filter(({ fr }) => englishIn(fr).length > 0),
      ),
    );
    expect(wrong).toEqual([]);
  });

  it('words history aggregates by their meaning: reversed durations, shares of a category', () => {
    expect(fieldLabel('BURO_DAYS_CREDIT_MIN', undefined, 'fr')).toBe(
      'Crédits dans d’autres établissements · ancienneté du crédit (maximum)',
    );
    expect(fieldLabel('PREV_NAME_CONTRACT_STATUS_Refused_MEAN', undefined, 'fr')).toBe(
      'Demandes précédentes · issue « Refusé » (part des demandes)',
    );
    expect(fieldLabel('BURO_STATUS_2_MEAN_MEAN', undefined, 'fr')).toBe(
      'Crédits dans d’autres établissements · part des mois avec 31 à 60 jours de retard (moyenne)',
    );
    expect(fieldLabel('CC_AMT_TOTAL_RECEIVABLE_MEAN', undefined, 'fr')).toBe(
      'Cartes de crédit antérieures · montant total dû (moyenne)',
    );
    expect(fieldLabel('INSTAL_COUNT', undefined, 'fr')).toBe(
      'Échéances des prêts antérieurs · nombre d’échéances',
    );
  });
});
