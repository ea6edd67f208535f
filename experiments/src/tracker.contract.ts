import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrackingError } from './errors.js';
import { logTrainingRun } from './training-run.js';
import { promote } from './promote.js';
import { resolveModelUri } from './resolve-model.js';
import type { Tracker } from './tracker.js';

/** A tiny model bundle, as training writes it. */
export async function writeBundle(dir: string, marker: string): Promise<string> {
  await mkdir(join(dir, 'nested'), { recursive: true });
  await writeFile(join(dir, 'manifest.json'), JSON.stringify({ formatVersion: 1, marker }));
  await writeFile(join(dir, 'model.json'), '{"modelTopology":{}}');
  await writeFile(join(dir, 'weights.bin'), Buffer.from([1, 2, 3, 4, marker.length]));
  await writeFile(join(dir, 'nested', 'baseline.json'), '[0.5]');
  return dir;
}

/**
 * The ONE contract suite every Tracker passes (LocalTracker, MlflowTracker on a real server).
 * `getTracker` is called inside the tests (after the caller's beforeAll started whatever is needed).
 */
export function trackerContract(getTracker: () => Tracker): void {
  let tmp: string;
  const exp = (): string => `contract-${Math.random().toString(36).slice(2, 10)}`;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'tracker-contract-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('starts a run with its name, tags and system tags, and ends it', async () => {
    const t = getTracker();
    const id = await t.startRun({ experiment: exp(), runName: 'first', tags: { team: 'risk' } });
    let run = await t.getRun(id);
    expect(run.runName).toBe('first');
    expect(run.status).toBe('RUNNING');
    expect(run.tags.team).toBe('risk');
    expect(run.tags['mlflow.runName']).toBe('first');
    expect(run.tags['mlflow.user']).toBeTruthy();
    expect(run.tags['mlflow.source.name']).toBeTruthy();
    await t.endRun(id, 'FINISHED', run.startTime + 1234);
    run = await t.getRun(id);
    expect(run.status).toBe('FINISHED');
    expect(run.endTime).toBe(run.startTime + 1234);
  });

  it('logs params and metrics with steps and timestamps; the latest value is the highest step', async () => {
    const t = getTracker();
    const id = await t.startRun({ experiment: exp() });
    await t.logParams(id, { lr: 0.001, layers: '256-64', seed: 42 });
    await t.logMetrics(id, [
      { key: 'val_auc', value: 0.7, step: 0, timestamp: 1000 },
      { key: 'val_auc', value: 0.75, step: 2, timestamp: 1002 },
      { key: 'val_auc', value: 0.73, step: 1, timestamp: 1001 },
    ]);
    const run = await t.getRun(id);
    expect(run.params).toEqual({ lr: '0.001', layers: '256-64', seed: '42' });
    expect(run.metrics.val_auc).toBeCloseTo(0.75);
    const history = (await t.getMetricHistory(id, 'val_auc')).sort((a, b) => a.step - b.step);
    expect(history.map((p) => [p.step, p.value, p.timestamp])).toEqual([
      [0, 0.7, 1000],
      [1, 0.73, 1001],
      [2, 0.75, 1002],
    ]);
  });

  it('logs more than one call worth of params and metrics (split to the server limits)', async () => {
    const t = getTracker();
    const id = await t.startRun({ experiment: exp() });
    const params = Object.fromEntries(Array.from({ length: 230 }, (_, i) => [`p${i}`, i]));
    await t.logParams(id, params);
    await t.logMetrics(
      id,
      Array.from({ length: 2100 }, (_, i) => ({ key: 'loss', value: 1 / (i + 1), step: i })),
    );
    expect(Object.keys((await t.getRun(id)).params)).toHaveLength(230);
    expect(await t.getMetricHistory(id, 'loss')).toHaveLength(2100);
  });

  it('refuses a param value longer than 6000 characters instead of cutting it', async () => {
    const t = getTracker();
    const id = await t.startRun({ experiment: exp() });
    const err = await t.logParams(id, { recipe: 'x'.repeat(6001) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrackingError);
    expect((err as TrackingError).code).toBe('E_VALUE_TOO_LONG');
    expect((await t.getRun(id)).params.recipe).toBeUndefined();
  });

  it('uploads, lists and downloads files and folders', async () => {
    const t = getTracker();
    const id = await t.startRun({ experiment: exp() });
    const file = join(tmp, 'cv-report.json');
    await writeFile(file, '{"folds":5}');
    const bundle = await writeBundle(join(tmp, 'bundle-a'), 'a');
    await t.logArtifact(id, file);
    await t.logArtifact(id, file, 'reports/cv.json');
    await t.logArtifact(id, bundle, 'model');
    expect(await t.listArtifacts(id)).toEqual([
      'cv-report.json',
      'model/manifest.json',
      'model/model.json',
      'model/nested/baseline.json',
      'model/weights.bin',
      'reports/cv.json',
    ]);
    expect(await t.listArtifacts(id, 'reports')).toEqual(['reports/cv.json']);
    const out = join(tmp, 'down-a');
    await t.downloadArtifacts(id, 'model', out);
    expect(await readFile(join(out, 'nested', 'baseline.json'), 'utf8')).toBe('[0.5]');
    expect([...(await readFile(join(out, 'weights.bin')))]).toEqual([1, 2, 3, 4, 1]);
    await t.downloadArtifacts(id, 'reports/cv.json', join(tmp, 'down-b'));
    expect(await readFile(join(tmp, 'down-b', 'cv.json'), 'utf8')).toBe('{"folds":5}');
  });

  it('nests runs through mlflow.parentRunId and searches by tag, newest first', async () => {
    const t = getTracker();
    const e = exp();
    const parent = await t.startRun({ experiment: e, runName: 'search', startTime: Date.now() - 10_000 });
    const a = await t.startRun({
      experiment: e,
      parentRunId: parent,
      tags: { kind: 'trial' },
      startTime: Date.now() - 5000,
    });
    const b = await t.startRun({
      experiment: e,
      parentRunId: parent,
      tags: { kind: 'trial' },
      startTime: Date.now(),
    });
    expect((await t.getRun(a)).tags['mlflow.parentRunId']).toBe(parent);
    const found = await t.searchRuns({ experiment: e, tags: { kind: 'trial' } });
    expect(found.map((r) => r.runId)).toEqual([b, a]);
    expect((await t.searchRuns({ experiment: e })).map((r) => r.runId)).toEqual([b, a, parent]);
    expect(await t.listExperiments()).toContain(e);
  });

  it('registers versions from a run model folder, moves aliases and downloads a version', async () => {
    const t = getTracker();
    const name = `model-${Math.random().toString(36).slice(2, 8)}`;
    const id = await t.startRun({ experiment: exp() });
    await expect(t.registerModelVersion({ name, runId: id })).rejects.toMatchObject({
      code: 'E_MODEL_ARTIFACT_MISSING',
    });
    await t.logArtifact(id, await writeBundle(join(tmp, 'bundle-r'), 'r'), 'model');
    const v1 = await t.registerModelVersion({ name, runId: id, tags: { stage: 'test' } });
    const v2 = await t.registerModelVersion({ name, runId: id });
    expect(v1.runId).toBe(id);
    expect(v1.tags.stage).toBe('test');
    expect(Number(v2.version)).toBe(Number(v1.version) + 1);
    await t.setAlias(name, 'champion', v1.version);
    expect((await t.getAlias(name, 'champion'))?.version).toBe(v1.version);
    await t.setAlias(name, 'champion', v2.version);
    const champ = await t.getAlias(name, 'champion');
    expect(champ?.version).toBe(v2.version);
    expect(champ?.aliases).toEqual(['champion']);
    await t.setModelVersionTag(name, v2.version, 'note', 'ok');
    expect((await t.getModelVersion(name, v2.version)).tags.note).toBe('ok');
    await t.deleteAlias(name, 'champion');
    expect(await t.getAlias(name, 'champion')).toBeUndefined();
    const files = await t.downloadModelVersion(name, v1.version, join(tmp, 'mv'));
    expect(files.map((f) => f.slice(join(tmp, 'mv').length + 1)).sort()).toEqual([
      'manifest.json',
      'model.json',
      'nested/baseline.json',
      'weights.bin',
    ]);
  });

  it('logs a training run (bundle as model/ with MLmodel, trials as children), gates promotion, resolves models:/', async () => {
    const t = getTracker();
    const e = exp();
    const name = `credit-${Math.random().toString(36).slice(2, 8)}`;
    const train = async (
      auc: number,
      cost: number,
      hash: string,
    ): Promise<{ runId: string; modelVersion: string }> =>
      logTrainingRun(t, {
        experiment: e,
        modelName: name,
        params: { epochs: 2, lr: 0.01 },
        epochMetrics: [
          { name: 'loss', value: 0.6, step: 0 },
          { name: 'loss', value: 0.5, step: 1 },
          { name: 'val_auc', value: auc - 0.01, step: 0 },
          { name: 'val_auc', value: auc - 0.005, step: 1 },
        ],
        foldMetrics: [
          { name: 'auc', value: auc, fold: 0 },
          { name: 'auc', value: auc, fold: 1 },
        ],
        finalMetrics: { val_auc: auc, val_business_cost: cost },
        tags: { validation_data_hash: hash },
        artifacts: [],
        bundleDir: await writeBundle(join(tmp, `bundle-${auc}-${cost}-${hash}`), `${auc}`),
        hyperparameterTrials: [{ params: { lr: 0.1 }, metrics: { val_auc: 0.6 } }],
      });
    const first = await train(0.74, 0.5, 'h1');
    const run = await t.getRun(first.runId);
    expect(run.status).toBe('FINISHED');
    expect(run.metrics.val_auc).toBeCloseTo(0.74);
    expect((await t.getMetricHistory(first.runId, 'loss')).length).toBe(2);
    expect((await t.getMetricHistory(first.runId, 'fold_auc')).map((p) => p.step).sort()).toEqual([0, 1]);
    expect(await t.listArtifacts(first.runId, 'model')).toContain('model/MLmodel');
    const children = await t.searchRuns({ experiment: e, tags: { 'mlflow.parentRunId': first.runId } });
    expect(children).toHaveLength(1);
    expect((await t.getAlias(name, 'challenger'))?.version).toBe(first.modelVersion);

    // no champion: promoted
    expect((await promote({ tracker: t, model: name })).promoted).toBe(true);
    // worse AUC: refused
    await train(0.73, 0.4, 'h1');
    const refused = await promote({ tracker: t, model: name });
    expect(refused.promoted).toBe(false);
    expect(refused.explanation).toMatch(/AUC/);
    expect((await t.getAlias(name, 'champion'))?.version).toBe(first.modelVersion);
    // better on both, other validation data: refused
    await train(0.8, 0.3, 'h2');
    expect((await promote({ tracker: t, model: name })).explanation).toMatch(/validation data differ/);
    // better on both, same data: promoted
    const better = await train(0.8, 0.3, 'h1');
    expect((await promote({ tracker: t, model: name })).promoted).toBe(true);
    expect((await t.getAlias(name, 'champion'))?.version).toBe(better.modelVersion);

    const dir = await resolveModelUri(`models:/${name}@champion`, t, { cacheDir: join(tmp, 'cache') });
    expect(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')).marker).toBe('0.8');
    expect(await readFile(join(dir, 'MLmodel'), 'utf8')).toMatch(/artifact_path: model/);
  });
}
