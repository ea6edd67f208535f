import { describe, expect, it } from '@jest/globals';
import * as aq from 'arquero';
import { CodedColumn } from '../../kaggle/coded-column.js';
import { buildFeatures } from '../build.js';
import type { Frame } from '../frame.js';
import { recipeHash } from '../recipe.js';
import { fixtureTables } from '../testing/fixtures.js';
import { fitLoanTerms, loanTermsGroup, termFor, yearlyRate } from './loan-terms.js';

/** Previous applications: `count` loans of each [type, annuity / credit, payments] given. */
function previousFrame(loans: [string, number, number, number][]): Frame {
  const rows = loans.flatMap(([type, ratio, payments, count]) =>
    Array.from({ length: count }, () => ({ type, credit: 100_000, annuity: 100_000 * ratio, payments })),
  );
  return {
    nrows: rows.length,
    names: ['NAME_CONTRACT_TYPE', 'AMT_CREDIT', 'AMT_ANNUITY', 'CNT_PAYMENT'],
    columns: new Map<string, Float64Array | CodedColumn>([
      ['NAME_CONTRACT_TYPE', CodedColumn.fromStrings(rows.map((r) => r.type))],
      ['AMT_CREDIT', Float64Array.from(rows, (r) => r.credit)],
      ['AMT_ANNUITY', Float64Array.from(rows, (r) => r.annuity)],
      ['CNT_PAYMENT', Float64Array.from(rows, (r) => r.payments)],
    ]),
  };
}

describe('loan-terms: learning the usual number of payments', () => {
  it('bins previous cash loans by annuity / credit and keeps each bin’s median length', () => {
    const table = fitLoanTerms(
      previousFrame([
        ['Cash loans', 0.05, 24, 30],
        ['Cash loans', 0.05, 36, 10], // same ratio: one bin, median 24
        ['Cash loans', 0.1, 12, 40],
        ['Consumer loans', 0.05, 6, 100], // not cash: ignored
      ]),
    );
    expect(table).toEqual({ upperRatios: [0.05, 0.1], terms: [24, 12], loans: 80 });
  });

  it('learns nothing from fewer loans than one bin needs, or without the columns', () => {
    expect(fitLoanTerms(previousFrame([['Cash loans', 0.05, 24, 19]])).terms).toEqual([]);
    expect(fitLoanTerms(undefined)).toEqual({ upperRatios: [], terms: [], loans: 0 });
  });

  it('looks a ratio up in the first bin that reaches it (the last beyond)', () => {
    const table = { upperRatios: [0.05, 0.1], terms: [24, 12], loans: 80 };
    expect([0.01, 0.05, 0.07, 0.5].map((r) => termFor(table, r))).toEqual([24, 24, 12, 12]);
    expect(termFor(table, Number.NaN)).toBeNaN();
  });
});

describe('loan-terms: the yearly rate', () => {
  it('inverts the annuity formula', () => {
    const [credit, monthly, payments] = [250_000, 0.02, 24];
    const annuity = (credit * monthly) / (1 - (1 + monthly) ** -payments);
    expect(yearlyRate(credit, annuity, payments)).toBeCloseTo(1.02 ** 12 - 1, 9);
  });

  it('is 0 when the payments repay no more than the amount, missing for impossible inputs', () => {
    expect(yearlyRate(1200, 100, 12)).toBe(0);
    expect(yearlyRate(0, 100, 12)).toBeNaN();
    expect(yearlyRate(1000, Number.NaN, 12)).toBeNaN();
  });
});

describe('loan-terms: the group in a feature table', () => {
  it('fills cash loans, leaves revolving loans missing, and ties the learnt table to the recipe hash', () => {
    const tables = fixtureTables();
    // 40 previous cash loans paying 5% a month over 24 months.
    const previous = aq.from(
      Array.from({ length: 40 }, (_, i) => ({
        SK_ID_PREV: 1000 + i,
        SK_ID_CURR: 1,
        NAME_CONTRACT_TYPE: 'Cash loans',
        AMT_CREDIT: 100_000,
        AMT_ANNUITY: 5_000,
        CNT_PAYMENT: 24,
      })),
    );
    const { table, recipe } = buildFeatures({ ...tables, previous_application: previous }, undefined, {
      extraGroups: ['loan-terms'],
    });
    expect(recipe.loanTerms).toEqual({ upperRatios: [0.05], terms: [24], loans: 40 });
    expect(recipe.hash).toBe(recipeHash(recipe));
    expect(recipeHash({ ...recipe, loanTerms: { ...recipe.loanTerms!, terms: [36] } })).not.toBe(recipe.hash);
    const column = (name: string) => table.columns[table.names.indexOf(name)]!;
    const byClient = (name: string) =>
      Object.fromEntries(Array.from(table.ids, (id, r) => [id, column(name)[r]]));
    // Clients 1 and 5: cash loans, annuity 1/5 of the credit (beyond the one bin: its length, 24);
    // 2: revolving; 4: cash but a credit of 0 (no ratio).
    expect(byClient('LOAN_TERM_ESTIMATE')).toEqual({ 1: 24, 2: NaN, 4: NaN, 5: 24 });
    expect(byClient('LOAN_RATE_ESTIMATE')).toEqual({
      1: yearlyRate(50, 10, 24),
      2: NaN,
      4: NaN,
      5: yearlyRate(25, 5, 24),
    });
    expect(yearlyRate(50, 10, 24)).toBeGreaterThan(1); // 20% of the credit a month: over 100% a year
  });

  it('says why its columns are missing when the recipe learnt no lengths', () => {
    const warnings: string[] = [];
    const input = { nrows: 1, names: [], column: () => Float64Array.of(1) };
    const recipe = { loanTerms: { upperRatios: [], terms: [], loans: 0 } } as never;
    const [term, rate] = loanTermsGroup.compute(input, (m) => warnings.push(m), recipe);
    expect([term![0], rate![0]]).toEqual([NaN, NaN]);
    expect(warnings[0]).toMatch(/learnt no loan lengths/);
  });
});
