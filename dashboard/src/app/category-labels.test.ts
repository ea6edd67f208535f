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
  it('translates the building and history values, worded by pattern where Kaggle numbers or combines them', () => {
    expect(categoryLabel('Stone, brick', 'fr')).toBe('Pierre, brique');
    expect(categoryLabel('block of flats', 'fr')).toBe('Immeuble collectif');
    expect(categoryLabel('Yes', 'fr')).toBe('oui');
    expect(categoryLabel('Real estate loan', 'fr')).toBe('Crédit immobilier');
    expect(categoryLabel('currency 3', 'fr')).toBe('devise 3');
    expect(categoryLabel('Cash X-Sell: low', 'fr')).toBe('Espèces, vente croisée, taux bas');
    expect(categoryLabel('POS household without interest', 'fr')).toBe(
      'Point de vente, équipement de la maison, sans intérêts',
    );
    expect(categoryLabel('Card Street', 'fr')).toBe('Carte, en agence');
    expect(categoryLabel('Cash X-Sell: low', 'en')).toBe('Cash X-Sell: low');
  });
  it('keeps English values in English, and unknown values as sent', () => {
    expect(categoryLabel('Business Entity Type 3', 'en')).toBe('Business Entity Type 3');
    expect(categoryLabel('XNA', 'en')).toBe('not given');
    expect(categoryLabel('Some new sector', 'fr')).toBe('Some new sector');
  });
});
