import { describe, expect, it } from '@jest/globals';
import { categoryLabel } from './category-labels.js';

describe("category values in the advisor's language", () => {
  it('translates occupations and employer sectors into French', () => {
    expect(categoryLabel('Laborers', 'fr')).toBe('Ouvrier(ère)');
    expect(categoryLabel('Self-employed', 'fr')).toBe('Indépendant(e)');
    expect(categoryLabel('Business Entity Type 3', 'fr')).toBe('Entreprise (type 3)');
    expect(categoryLabel('Industry: type 11', 'fr')).toBe('Industrie (type 11)');
    expect(categoryLabel('XNA', 'fr')).toBe('non renseigné');
  });
  it('keeps English values in English, and unknown values as sent', () => {
    expect(categoryLabel('Business Entity Type 3', 'en')).toBe('Business Entity Type 3');
    expect(categoryLabel('XNA', 'en')).toBe('not given');
    expect(categoryLabel('Some new sector', 'fr')).toBe('Some new sector');
  });
});
