/**
 * Checks what a user sees in the MLflow UI: starts a real mlflow server (cached venv), logs a training run
 * through MlflowTracker + logTrainingRun, registers `credit-scoring` and takes headless Chromium
 * screenshots of the run page and the registered model pages into artifacts/screenshots/mlflow-*.png.
 *
 * The version is registered as MLflow 3 does it (a logged model, source `models:/<model_id>`); the model
 * version page's Schema panel should list the bundle's inputs (794 synthetic features by default, or those
 * of a real bundle passed as argument) and the probability output.
 *
 *   npx tsx experiments/bench/mlflow-ui-screenshots.ts [BUNDLE_DIR]
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from '../../dashboard/test/launch-chromium.js';
import {
  LocalTracker,
  MlflowClient,
  MlflowTracker,
  logTrainingRun,
  promote,
  silentLogger,
} from '../src/index.js';
import { MlflowTestServer } from '../src/testing/mlflow-server.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const outDir = join(repoRoot, 'artifacts', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'mlflow-ui-'));
const server = new MlflowTestServer();
const say = (s: string): boolean => process.stdout.write(`${s}\n`);

try {
  await server.start();
  const client = new MlflowClient({ baseUrl: server.url, logger: silentLogger });
  const tracker = new MlflowTracker(
    client,
    new LocalTracker({ root: join(work, 'journal'), logger: silentLogger }),
    silentLogger,
  );
  const bundle = join(work, 'bundle');
  const given = process.argv[2];
  if (given) cpSync(resolve(given), bundle, { recursive: true });
  else {
    // No MLmodel: logTrainingRun writes the minimal one, whose signature lists these features.
    mkdirSync(bundle);
    const features = [
      'EXT_SOURCE_2',
      'EXT_SOURCE_3',
      ...Array.from({ length: 792 }, (_, i) => `FEATURE_${i}`),
    ];
    writeFileSync(join(bundle, 'manifest.json'), JSON.stringify({ formatVersion: 1, features }));
    writeFileSync(join(bundle, 'model.json'), '{"modelTopology":{}}');
    writeFileSync(join(bundle, 'weights.bin'), Buffer.alloc(64));
  }
  writeFileSync(
    join(work, 'cv-report.json'),
    JSON.stringify({ folds: 5, auc: [0.76, 0.77, 0.75, 0.78, 0.76] }),
  );
  const epochs = Array.from({ length: 10 }, (_, i) => i);
  const { runId, modelVersion } = await logTrainingRun(tracker, {
    runName: 'mlp-256-64',
    params: {
      hidden: '256-64',
      learning_rate: 0.001,
      batch_size: 1024,
      seed: 42,
      tfjs_backend: 'wasm',
      features: 250,
    },
    epochMetrics: [
      ...epochs.map((s) => ({ name: 'loss', value: 0.6 - 0.02 * s, step: s })),
      ...epochs.map((s) => ({ name: 'val_auc', value: 0.7 + 0.007 * s, step: s })),
    ],
    foldMetrics: [0, 1, 2, 3, 4].map((f) => ({ name: 'auc', value: 0.75 + 0.005 * f, fold: f })),
    finalMetrics: {
      val_auc: 0.768,
      val_business_cost: 0.412,
      threshold: 0.31,
      recall: 0.64,
      precision: 0.21,
    },
    tags: { validation_data_hash: 'sha256:5d1c0ffee', data_sample: 'home-credit-sample' },
    artifacts: [{ path: join(work, 'cv-report.json'), artifactPath: 'reports/cv-report.json' }],
    bundleDir: bundle,
    hyperparameterTrials: [
      { name: 'trial-lr-0.01', params: { learning_rate: 0.01 }, metrics: { val_auc: 0.74 } },
      { name: 'trial-lr-0.0001', params: { learning_rate: 0.0001 }, metrics: { val_auc: 0.72 } },
    ],
  });
  say(`run ${runId}, model version ${modelVersion}: ${(await promote({ tracker })).explanation}`);
  const experimentId = (await client.getRun(runId)).info.experiment_id;
  const { modelId, source } = await tracker.getModelVersion('credit-scoring', modelVersion);
  say(`model version ${modelVersion}: source ${source}`);

  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const browser = await launchChromium(profile, { width: 1440, height: 1000 });
  try {
    const page = await browser.newPage();
    const shots: [string, string, string][] = [
      ['mlflow-run.png', `#/experiments/${experimentId}/runs/${runId}`, 'mlp-256-64'],
      ['mlflow-run-model-artifacts.png', `#/experiments/${experimentId}/runs/${runId}/artifacts`, 'reports'],
      ['mlflow-registered-model.png', '#/models/credit-scoring', 'credit-scoring'],
      ['mlflow-model-version.png', `#/models/credit-scoring/versions/${modelVersion}`, 'credit-scoring'],
      ['mlflow-logged-model.png', `#/experiments/${experimentId}/models/${modelId}`, 'model'],
    ];
    for (const [file, hash, text] of shots) {
      await page.goto(`${server.url}/${hash}`, { waitUntil: 'commit', timeout: 60_000 });
      const seen = await page
        .getByText(text)
        .first()
        .waitFor({ timeout: 30_000 })
        .then(() => true)
        .catch(() => false);
      if (!seen) say(`warning: "${text}" not visible on ${hash} (screenshot taken anyway)`);
      if (file === 'mlflow-run-model-artifacts.png') {
        // Open model/ and preview its MLmodel file (flavor + signature).
        await page
          .getByText('model', { exact: true })
          .first()
          .click()
          .catch(() => say('warning: no model/ folder'));
        await page
          .getByText('MLmodel', { exact: true })
          .first()
          .click({ timeout: 15_000 })
          .catch(() => say('warning: no MLmodel'));
      }
      await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
      await page.waitForTimeout(2000);
      await page.screenshot({ path: join(outDir, file), fullPage: true });
      say(`saved artifacts/screenshots/${file}`);
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
} finally {
  server.dispose();
  rmSync(work, { recursive: true, force: true });
}
