import { describe, expect, it } from '@jest/globals';
import { contributionsBySource, sourceOf } from './risk-sources.js';

describe('the source of a field', () => {
  it.each([
    ['BURO_DAYS_CREDIT_MEAN', 'bureau'],
    ['ACTIVE_AMT_CREDIT_SUM_SUM', 'bureau'],
    ['CLOSED_DAYS_CREDIT_MAX', 'bureau'],
    ['AMT_REQ_CREDIT_BUREAU_YEAR', 'bureau'],
    ['PREV_NAME_CASH_LOAN_PURPOSE_Buying a home_MEAN', 'previous'],
    ['REFUSED_AMT_APPLICATION_MAX', 'previous'],
    ['CREDIT_TO_PREV_CREDIT', 'previous'],
    ['INSTAL_DPD_MAX', 'instalments'],
    ['POS_SK_DPD_MEAN', 'pos'],
    ['CC_AMT_BALANCE_MEAN', 'cards'],
    ['EXT_SOURCE_2', 'external'],
    ['EXT_SOURCES_MIN', 'external'],
    ['AMT_CREDIT', 'credit'],
    ['AMT_ANNUITY', 'credit'],
    ['NAME_CONTRACT_TYPE_Cash loans', 'credit'],
    ['PAYMENT_RATE', 'credit'],
    ['LOAN_RATE_ESTIMATE', 'credit'],
    ['AMT_INCOME_TOTAL', 'income'],
    ['DAYS_EMPLOYED_PERC', 'income'],
    ['ORGANIZATION_TYPE', 'income'],
    ['APARTMENTS_AVG', 'housing'],
    ['WALLSMATERIAL_MODE', 'housing'],
    ['REGION_RATING_CLIENT_W_CITY', 'housing'],
    ['REG_CITY_NOT_LIVE_CITY', 'housing'],
    ['FLAG_OWN_REALTY', 'housing'],
    ['CODE_GENDER', 'personal'],
    ['DAYS_BIRTH', 'personal'],
    ['FLAG_EMAIL', 'personal'],
    ['DEF_30_CNT_SOCIAL_CIRCLE', 'personal'],
    ['FLAG_DOCUMENT_3', 'application'],
    ['WEEKDAY_APPR_PROCESS_START', 'application'],
    ['SOMETHING_NEW', 'application'],
  ])('%s comes from %s', (field, source) => {
    expect(sourceOf(field)).toBe(source);
  });
});

describe('contributions by source', () => {
  const contributions = [
    { field: 'EXT_SOURCE_3', contribution: 0.9 },
    { field: 'PREV_AMT_ANNUITY_MEAN', contribution: -0.2 },
    { field: 'APPROVED_CNT_PAYMENT_MEAN', contribution: 0.5 },
    { field: 'REFUSED_DAYS_DECISION_MAX', contribution: 0.3 },
    { field: 'AMT_CREDIT', contribution: -0.7 },
    { field: 'EXT_SOURCES_MEAN', contribution: -0.1 },
  ];
  const sources = contributionsBySource(contributions);

  it('sums each source and counts its fields', () => {
    const previous = sources.find((s) => s.key === 'previous')!;
    expect(previous.fields).toBe(3);
    expect(previous.contribution).toBeCloseTo(0.6, 12);
    expect(sources.find((s) => s.key === 'external')).toEqual({
      key: 'external',
      fields: 2,
      contribution: expect.closeTo(0.8, 12),
    });
  });

  it('puts the largest movement first, whichever way it goes', () => {
    expect(sources.map((s) => s.key)).toEqual(['external', 'credit', 'previous']);
  });

  it('loses nothing: the sources add up to the whole explanation', () => {
    const total = contributions.reduce((s, c) => s + c.contribution, 0);
    expect(sources.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(total, 12);
    expect(sources.reduce((s, c) => s + c.fields, 0)).toBe(contributions.length);
  });
});
