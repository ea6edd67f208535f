import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFeatureFile, readRecipeFile, synthesizeKaggleDir } from '@credit/data';
import { runCli } from '../cli/run-cli-for-tests.js';
import { createLogger } from '../logger.js';

const dir = mkdtempSync(join(tmpdir(), 'credit-features-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await synthesizeKaggleDir({ outDir: data, clients: 300, testClients: 60, seed: 7 });
}, 120_000);

describe('credit features', () => {
  it('writes features.arrow and recipe.json and prints rows, columns and seconds per group', async () => {
    const lines: string[] = [];
    const { code, out, err } = await runCli(
      ['features', '--data', data, '--out', join(dir, 'a')],
      createLogger('info', (l) => lines.push(l)),
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['features.arrow', 'recipe.json']);
    const table = await readFeatureFile(join(dir, 'a', 'features.arrow'));
    const recipe = await readRecipeFile(join(dir, 'a', 'recipe.json'));
    expect(table.names).toEqual(recipe.features);
    expect(table.ids.length).toBeGreaterThan(300); // train + test, minus any XNA
    const summary = out;
    expect(summary).toContain(`${table.ids.length} rows x ${table.names.length} features`);
    for (const group of [
      'application',
      'bureau',
      'previous_application',
      'POS_CASH_balance',
      'installments_payments',
      'credit_card_balance',
    ])
      expect(summary).toMatch(new RegExp(`${group}\\s+\\d+ columns\\s+[\\d.]+ s`));
    expect(lines.some((l) => l.startsWith('features bureau'))).toBe(true);
  }, 120_000);

  it('applies a fitted recipe with --recipe: same columns in the same order', async () => {
    const { code } = await runCli(
      ['features', '--data', data, '--out', join(dir, 'b'), '--recipe', join(dir, 'a', 'recipe.json')],
      createLogger('silent'),
    );
    expect(code).toBe(0);
    const a = await readFeatureFile(join(dir, 'a', 'features.arrow'));
    const b = await readFeatureFile(join(dir, 'b', 'features.arrow'));
    expect(b.names).toEqual(a.names);
    b.columns.forEach((c, j) => expect(Array.from(c)).toEqual(Array.from(a.columns[j]!)));
  }, 120_000);

  it('adds the derived group after the recipe columns with --derived-features', async () => {
    const { code, out } = await runCli(
      ['features', '--data', data, '--out', join(dir, 'd'), '--derived-features'],
      createLogger('silent'),
    );
    expect(code).toBe(0);
    const plain = await readFeatureFile(join(dir, 'a', 'features.arrow'));
    const withGroup = await readFeatureFile(join(dir, 'd', 'features.arrow'));
    const recipe = await readRecipeFile(join(dir, 'd', 'recipe.json'));
    expect(recipe.extraGroups).toEqual(['derived']);
    expect(withGroup.names.slice(0, plain.names.length)).toEqual(plain.names);
    expect(withGroup.names.slice(plain.names.length)).toHaveLength(16);
    expect(withGroup.names.at(-1)).toBe('CREDIT_TO_PREV_CREDIT');
    plain.columns.forEach((c, j) => expect(Array.from(withGroup.columns[j]!)).toEqual(Array.from(c)));
    expect(out).toContain('optional groups: derived');
    expect(out).toMatch(/derived\s+16 columns\s+[\d.]+ s/);
    const before = await readRecipeFile(join(dir, 'a', 'recipe.json'));
    expect(before.extraGroups).toBeUndefined(); // the default: the public recipe alone
  }, 120_000);

  it('adds the loan-terms group after the derived one with --loan-terms, learnt from previous cash loans', async () => {
    const { code, out } = await runCli(
      ['features', '--data', data, '--out', join(dir, 'lt'), '--loan-terms', '--derived-features'],
      createLogger('silent'),
    );
    expect(code).toBe(0);
    const derived = await readFeatureFile(join(dir, 'd', 'features.arrow'));
    const both = await readFeatureFile(join(dir, 'lt', 'features.arrow'));
    const recipe = await readRecipeFile(join(dir, 'lt', 'recipe.json'));
    expect(recipe.extraGroups).toEqual(['derived', 'loan-terms']);
    expect(both.names).toEqual([...derived.names, 'LOAN_TERM_ESTIMATE', 'LOAN_RATE_ESTIMATE']);
    expect(recipe.loanTerms!.terms.length).toBeGreaterThan(0);
    const rates = both.columns.at(-1)!.filter((v) => !Number.isNaN(v));
    expect(rates.length).toBeGreaterThan(0);
    expect(out).toContain('optional groups: derived, loan-terms');
    expect(out).toMatch(/loan-terms\s+2 columns\s+[\d.]+ s/);
  }, 120_000);

  it('lets a given recipe decide the group, and refuses a flag that contradicts it', async () => {
    const withRecipe = await runCli(
      ['features', '--data', data, '--out', join(dir, 'e'), '--recipe', join(dir, 'd', 'recipe.json')],
      createLogger('silent'),
    );
    expect(withRecipe.code).toBe(0);
    expect((await readFeatureFile(join(dir, 'e', 'features.arrow'))).names).toEqual(
      (await readRecipeFile(join(dir, 'd', 'recipe.json'))).features,
    );
    const { code, err } = await runCli(
      [
        'features',
        '--data',
        data,
        '--out',
        join(dir, 'f'),
        '--recipe',
        join(dir, 'a', 'recipe.json'),
        '--derived-features',
      ],
      createLogger('silent'),
    );
    expect(code).toBe(1);
    expect(err).toMatch(
      /error: The recipe was fitted with optional group\(s\) \[\].*\[FEATURES_GROUPS_MISMATCH\]/,
    );
  }, 120_000);

  it('fails with one line naming the directory when --data is not a directory', async () => {
    const { code, err } = await runCli(
      ['features', '--data', join(dir, 'nope'), '--out', join(dir, 'c')],
      createLogger('silent'),
    );
    expect(code).toBe(1);
    expect(err).toMatch(/error: --data .*nope is not a directory.*\[FEATURES_DATA_DIR\]/);
  });
});
