import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildFeatures,
  loadKaggleDir,
  synthesizeKaggleDir,
  writeFeatureFile,
  writeRecipeFile,
} from '@credit/data';
import { saveBundle, trainFromFeatureTable } from '@credit/training';
import { createLogger } from '../logger.js';
import { startServer, type RunningServer } from './serve.js';

let root: string;
let running: RunningServer | undefined;
const logger = createLogger('silent');

beforeAll(async () => {
  // A tiny real setup: synthetic applications -> features folder -> a small trained bundle.
  root = await mkdtemp(path.join(tmpdir(), 'credit-serve-'));
  const raw = path.join(root, 'raw');
  const features = path.join(root, 'features');
  await mkdir(features, { recursive: true });
  await synthesizeKaggleDir({ outDir: raw, clients: 120, testClients: 5, seed: 3 });
  const tables = await loadKaggleDir(raw, { tables: ['application_train', 'application_test'] });
  const { table, recipe } = buildFeatures(tables);
  await writeFeatureFile(path.join(features, 'features.arrow'), table);
  await writeRecipeFile(path.join(features, 'recipe.json'), recipe);
  const trained = await trainFromFeatureTable(table, {
    config: {
      folds: 2,
      importanceRows: 20,
      mlp: { hiddenLayers: [4], epochs: 1, patience: 1, batchSize: 64 },
      baseline: { epochs: 1 },
    },
  });
  await saveBundle(path.join(root, 'model'), trained.model, {
    recipePath: path.join(features, 'recipe.json'),
  });
}, 150_000);
afterAll(async () => {
  await running?.close();
  await rm(root, { recursive: true, force: true });
});

describe('startServer', () => {
  it('listens on a free port, answers ready, serves the dashboard, reloads and closes', async () => {
    running = await startServer({
      root,
      model: path.join(root, 'model'),
      features: path.join(root, 'features'),
      port: 0,
      host: '127.0.0.1',
      logger,
    });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ready = await fetch(`${running.url}/health/ready`);
    expect(ready.status).toBe(200);
    const { modelVersion } = (await ready.json()) as { modelVersion: string };
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await running.reload()).toBe(modelVersion);
    await running.close();
    await expect(fetch(`${running.url}/health/live`)).rejects.toThrow();
    running = undefined;
  }, 60_000);
  it('names the missing features folder', async () => {
    await expect(
      startServer({
        root,
        model: path.join(root, 'model'),
        features: path.join(root, 'nowhere'),
        port: 0,
        host: '127.0.0.1',
        logger,
      }),
    ).rejects.toThrow(/features\.arrow not found/);
  });
});
