import { buildFeatures, loadKaggleDir, silentLogger, writeFeatureFile, writeRecipeFile } from '@credit/data';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli-for-tests.js';

const run = (args: string[]) => runCli(args, silentLogger);

describe('credit train + credit predict', () => {
  const root = mkdtempSync(join(tmpdir(), 'cli-train-'));
  const raw = join(root, 'raw');
  const features = join(root, 'features');
  const model = join(root, 'model');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    const synth = await run([
      'data',
      'synth',
      '--clients',
      '300',
      '--test-clients',
      '40',
      '--seed',
      '3',
      '--out',
      raw,
    ]);
    expect(synth.code).toBe(0);
    const built = buildFeatures(await loadKaggleDir(raw));
    mkdirSync(features);
    await writeFeatureFile(join(features, 'features.arrow'), built.table);
    await writeRecipeFile(join(features, 'recipe.json'), built.recipe);
    // A tiny network keeps the test fast; the figures that matter are measured in bench/.
    const small = {
      mlp: { hiddenLayers: [8], batchSize: 64 },
      baseline: { batchSize: 64 },
      importanceRows: 40,
    };
    writeFileSync(join(root, 'config.json'), JSON.stringify(small));
  }, 120_000);

  it('trains, prints progress and the summary table, and writes the bundle with the recipe', async () => {
    const r = await run([
      'train',
      '--features',
      features,
      '--out',
      model,
      '--folds',
      '2',
      '--epochs',
      '1',
      '--seed',
      '1',
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/fold 0 mlp +epoch +1 /);
    expect(r.err).toMatch(/fold 1 done: MLP AUC/);
    expect(r.out).toMatch(/^MLP +\d\.\d{4}/m);
    expect(r.out).toMatch(/^logistic +\d\.\d{4}/m);
    for (const f of [
      'manifest.json',
      'model.json',
      'weights.bin',
      'MLmodel',
      'recipe.json',
      'reports/fairness.json',
    ])
      expect(existsSync(join(model, f))).toBe(true);
  }, 120_000);

  it('scores Kaggle-layout data with the bundle', async () => {
    const out = join(root, 'scores.csv');
    const r = await run(['predict', '--model', model, '--data', raw, '--out', out]);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('SK_ID_CURR,probability,decision');
    expect(lines.length).toBeGreaterThan(300);
    expect(lines[1]).toMatch(/^\d+,0\.\d{6},(grant|refuse)$/);
  }, 120_000);

  it('names the missing feature file', async () => {
    const r = await run(['train', '--features', join(root, 'nowhere')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/features\.arrow not found.*credit features/);
  });
});
