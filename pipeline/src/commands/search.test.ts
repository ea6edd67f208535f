import { buildFeatures, loadKaggleDir, silentLogger, writeFeatureFile } from '@credit/data';
import { LocalTracker } from '@credit/experiments';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli-for-tests.js';

const run = (args: string[]) => runCli(args, silentLogger);

describe('credit search', () => {
  const root = mkdtempSync(join(tmpdir(), 'cli-search-'));
  const features = join(root, 'features');
  const config = join(root, 'search.json');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    const raw = join(root, 'raw');
    const synth = await run([
      'data',
      'synth',
      '--clients',
      '300',
      '--test-clients',
      '10',
      '--seed',
      '4',
      '--out',
      raw,
    ]);
    expect(synth.code).toBe(0);
    const built = buildFeatures(await loadKaggleDir(raw));
    mkdirSync(features);
    await writeFeatureFile(join(features, 'features.arrow'), built.table);
    writeFileSync(
      config,
      JSON.stringify({
        strategy: 'grid',
        seed: 3,
        folds: 2,
        base: { mlp: { batchSize: 64, patience: 1 } },
        space: { hiddenLayers: [[8], [4]], learningRate: [0.01, 0.003], epochs: [1] },
      }),
    );
  }, 120_000);

  it('reports every trial, writes the report and the best config, and nests trial runs under a parent run', async () => {
    const out = join(root, 'out');
    const r = await run([
      '--root',
      root,
      'search',
      '--config',
      config,
      '--features',
      features,
      '--trials',
      '3',
      '--out',
      out,
      '--tracking',
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/trial 1 fold 0 epoch 1 val AUC/);
    expect(r.out).toMatch(/^ +1 {2}8 /m);
    expect(r.out).toMatch(/^ +3 {2}4 /m);
    expect(r.out).not.toMatch(/^ +4 /m);
    const report = JSON.parse(readFileSync(join(out, 'search-report.json'), 'utf8'));
    expect(report.trials).toHaveLength(3);
    const aucs: number[] = report.trials.map((t: { oofAuc: number }) => t.oofAuc);
    expect(report.trials[report.best - 1].oofAuc).toBe(Math.max(...aucs));
    expect(r.out).toContain(`best: trial ${report.best} `);
    const best = JSON.parse(readFileSync(join(out, 'best-config.json'), 'utf8'));
    expect(best).toEqual(report.bestConfig);
    expect(best.mlp).toMatchObject({ batchSize: 64, patience: 1, ...report.trials[report.best - 1].params });

    const tracker = new LocalTracker({ root: join(root, 'artifacts', 'tracking'), logger: silentLogger });
    const runs = await tracker.searchRuns({ experiment: 'credit-scoring-search' });
    const parent = runs.find((x) => x.tags['credit.kind'] === 'hyperparameter-search')!;
    const children = runs.filter((x) => x.tags['credit.kind'] === 'hyperparameter-trial');
    expect(children).toHaveLength(3);
    for (const c of children) expect(c.tags['mlflow.parentRunId']).toBe(parent.runId);
    expect(parent.metrics.best_val_auc).toBe(report.trials[report.best - 1].oofAuc);
    expect(children.map((c) => c.metrics.val_auc).sort()).toEqual([...aucs].sort());
  }, 180_000);

  it('names the file and the key of a bad config', async () => {
    const bad = join(root, 'bad.json');
    writeFileSync(bad, JSON.stringify({ strategy: 'grid', space: { dropout: { min: 0, max: 0.5 } } }));
    const r = await run(['--root', root, 'search', '--config', bad, '--features', features]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.json: invalid hyperparameter search config/);
    expect(r.err).toMatch(/space\.dropout: grid search needs a list/);
  }, 60_000);
});
