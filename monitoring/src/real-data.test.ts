/**
 * Real data: application_train vs application_test of ../shared/data/home-credit-sample, features built
 * by @credit/data from the application tables. Skips without the sample, fails when CI=true.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFeatures, loadKaggleDir } from '@credit/data';
import { computeDrift } from './drift/compute.js';
import { loadDriftConfig } from './drift/config.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sample = resolve(repoRoot, '..', 'shared', 'data', 'home-credit-sample');
const available = existsSync(join(sample, 'application_train.csv.gz'));
if (!available && process.env.CI === 'true')
  throw new Error(`CI: the real-data sample is missing at ${sample}`);
if (!available) console.warn(`skipping real-data drift test: ${sample} not found`);
const maybe = available ? describe : describe.skip;

maybe('drift on the real sample: application_train vs application_test', () => {
  it('compares every application feature and finds train and test alike on the main amounts', async () => {
    const tables = await loadKaggleDir(sample, { tables: ['application_train', 'application_test'] });
    const { table } = buildFeatures(tables);
    const train: number[] = [];
    const test: number[] = [];
    table.target.forEach((t, i) => (Number.isNaN(t) ? test : train).push(i));
    const pick = (rows: number[]) => ({
      names: table.names,
      columns: table.columns.map((c) => Float64Array.from(rows, (i) => c[i]!)),
    });
    const report = computeDrift({
      reference: pick(train),
      current: pick(test),
      referenceTarget: Float64Array.from(train, (i) => table.target[i]!),
      currentTarget: Float64Array.from(test, (i) => table.target[i]!),
      config: loadDriftConfig(),
    });
    expect(train.length).toBeGreaterThan(40000);
    expect(test.length).toBeGreaterThan(40000);
    expect(report.features).toHaveLength(table.names.length);
    for (const f of report.features) {
      if (f.pValue !== null) expect(f.pValue).toBeGreaterThanOrEqual(0);
      if (f.pValue !== null) expect(f.pValue).toBeLessThanOrEqual(1);
    }
    const byName = Object.fromEntries(report.features.map((f) => [f.name, f]));
    // The same population applies in both files: the income and goods price keep their distribution.
    expect(byName.AMT_INCOME_TOTAL!.drifted).toBe(false);
    expect(byName.AMT_INCOME_TOTAL!.psi!).toBeLessThan(0.1);
    expect(report.summary.driftedShare).toBeLessThan(0.5);
    // application_test has no labels: no target drift.
    expect(report.target).toBeNull();
  }, 120_000);
});
