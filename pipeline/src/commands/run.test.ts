import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as credit } from '../cli/run-cli-for-tests.js';

describe('credit run', () => {
  const root = mkdtempSync(join(tmpdir(), 'credit-run-'));
  const tiny = [
    '--root',
    root,
    '-q',
    'run',
    '--no-serve',
    '--clients',
    '300',
    '--folds',
    '2',
    '--epochs',
    '1',
  ];

  it('runs every stage on a synthetic set and leaves a champion model and a drift report', async () => {
    const { code, out } = await credit(tiny);
    expect(code).toBe(0);
    const runDir = join(root, 'artifacts', 'run');
    const modelDir = readdirSync(runDir).find((d) => d.startsWith('model-'))!;
    const manifest = JSON.parse(readFileSync(join(runDir, modelDir, 'bundle', 'manifest.json'), 'utf8'));
    expect(manifest.trainingRows).toBe(300);
    // The derived and loan-terms feature groups are on by default in the main job, and reach the model.
    const featuresDir = readdirSync(runDir).find((d) => d.startsWith('features-'))!;
    const recipe = JSON.parse(readFileSync(join(runDir, featuresDir, 'recipe.json'), 'utf8'));
    expect(recipe.extraGroups).toEqual(['derived', 'loan-terms']);
    expect(recipe.loanTerms.terms.length).toBeGreaterThan(0); // learnt from the synthetic previous cash loans
    expect(manifest.featureNames).toEqual(recipe.features);
    expect(manifest.featureNames).toContain('EXT_SOURCES_MEAN');
    expect(manifest.featureNames).toContain('LOAN_RATE_ESTIMATE');
    expect(existsSync(join(root, 'artifacts', 'reports', 'drift', 'report.html'))).toBe(true);
    expect(out).toMatch(/track\s+.*credit-scoring v1; v1 promoted to champion/);
    for (const stage of ['data', 'validate', 'features', 'train', 'drift'])
      expect(out).toMatch(new RegExp(`\\n${stage}\\s`));
    // the drift report takes measurable time: its row shows it, not a placeholder 0.0 s
    const driftSeconds = Number(/\ndrift\s+([\d.]+) s/.exec(out)?.[1]);
    expect(driftSeconds).toBeGreaterThan(0);
  }, 240_000);

  it('reuses the stages whose inputs did not change', async () => {
    const { code, out } = await credit(tiny);
    expect(code).toBe(0);
    expect(out).toMatch(/\ndata\s+reused/);
    expect(out).toMatch(/\nfeatures\s+reused/);
    expect(out).toMatch(/\ntrain\s+reused/);
    expect(out).toMatch(/\ntrack\s+reused\s+model unchanged/);
  }, 240_000);

  it('builds the recipe columns alone when the config turns both optional groups off', async () => {
    writeFileSync(
      join(root, 'credit.config.json'),
      JSON.stringify({ features: { derived: false, loanTerms: false } }),
    );
    const { code, out } = await credit(tiny);
    rmSync(join(root, 'credit.config.json'));
    expect(code).toBe(0);
    expect(out).toMatch(/\ndata\s+reused/);
    expect(out).not.toMatch(/\nfeatures\s+reused/); // another features stage: its inputs changed
    const runDir = join(root, 'artifacts', 'run');
    const recipes = readdirSync(runDir)
      .filter((d) => d.startsWith('features-'))
      .map((d) => JSON.parse(readFileSync(join(runDir, d, 'recipe.json'), 'utf8')));
    expect(recipes.map((r) => r.extraGroups ?? []).sort()).toEqual([[], ['derived', 'loan-terms']]);
    const [plain, extended] = recipes[0].extraGroups ? [recipes[1], recipes[0]] : [recipes[0], recipes[1]];
    expect(extended.features).toEqual([...plain.features, ...extended.features.slice(plain.features.length)]);
    expect(extended.features.length - plain.features.length).toBe(16 + 2);
    expect(plain.loanTerms).toBeUndefined();
  }, 240_000);

  it('names the bad flag', async () => {
    const { code } = await credit(['--root', root, 'run', '--no-serve', '--folds', 'two']);
    expect(code).toBe(1);
  });
});
