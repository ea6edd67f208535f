import { describe, expect, it } from '@jest/globals';
import { makeI18n } from './i18n.js';
import { segmentSentence } from './segment-sentence.js';

describe('the segment in words', () => {
  const rules = [
    { field: 'NAME_CONTRACT_TYPE', value: 'Cash loans' },
    { field: 'AGE_YEARS', from: 30, to: 39 },
    { field: 'AMT_INCOME_TOTAL', from: 112500, to: 147150 },
  ] as const;
  it('words every rule in French, with the category and the money translated', () => {
    expect(segmentSentence([...rules], makeI18n('fr')).replace(/\s/g, ' ')).toBe(
      'Segment : contrat « Prêt personnel », âge 30 à 39 ans, revenu de 112 500 € à 147 150 €.',
    );
  });
  it('words every rule in English', () => {
    expect(segmentSentence([...rules], makeI18n('en'))).toBe(
      'Segment: contract “Cash loans”, age 30–39 years, income €112,500 to €147,150.',
    );
  });
  it('says when no rule could be kept', () => {
    expect(segmentSentence([], makeI18n('en'))).toMatch(/too few clients share this profile/);
  });
});
