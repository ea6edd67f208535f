import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrackingError } from './errors.js';
import { minimalMlmodel } from './mlmodel.js';
import type { Tracker } from './tracker.js';

export interface TrainingRunInput {
  experiment?: string;
  runName?: string;
  /** Every hyperparameter, seed, backend, data hash, row counts... */
  params: Record<string, string | number>;
  /** Per epoch: loss, val_auc... with step = epoch. */
  epochMetrics: { name: string; value: number; step: number }[];
  /** Per CV fold: logged as `fold_<name>` with step = fold. */
  foldMetrics: { name: string; value: number; fold: number }[];
  /** Final figures (val_auc, val_business_cost, threshold, recall...). */
  finalMetrics: Record<string, number>;
  /** Include `validation_data_hash`: the promotion gate compares runs only on the same validation data. */
  tags: Record<string, string>;
  /** Reports, curves, importance, fairness (files or folders). */
  artifacts: { path: string; artifactPath?: string }[];
  /** The model bundle folder: uploaded as the run's `model/` artifact. */
  bundleDir: string;
  /** Each trial becomes a child run of this training run. */
  hyperparameterTrials?: {
    name?: string;
    params: Record<string, string | number>;
    metrics: Record<string, number>;
  }[];
  /** Registered model name (default credit-scoring) and alias set on the new version (default challenger). */
  modelName?: string;
  alias?: string;
}

export interface TrainingRunResult {
  runId: string;
  modelVersion: string;
  trialRunIds: string[];
}

/** Logs a whole training run, uploads the bundle as `model/`, registers a version and sets `challenger`. */
export async function logTrainingRun(tracker: Tracker, input: TrainingRunInput): Promise<TrainingRunResult> {
  if (!existsSync(join(input.bundleDir, 'manifest.json')) && !existsSync(join(input.bundleDir, 'model.json')))
    throw new TrackingError(
      'E_BUNDLE_MISSING',
      `${input.bundleDir} is not a model bundle (no manifest.json or model.json): pass the folder training wrote`,
    );
  const experiment = input.experiment ?? 'credit-scoring';
  const modelName = input.modelName ?? 'credit-scoring';
  const runId = await tracker.startRun({ experiment, runName: input.runName, tags: input.tags });
  try {
    await tracker.logParams(runId, input.params);
    const lastStep = input.epochMetrics.reduce((m, p) => Math.max(m, p.step), 0);
    const t0 = Date.now();
    await tracker.logMetrics(runId, [
      ...input.epochMetrics.map((m) => ({ key: m.name, value: m.value, step: m.step, timestamp: t0 })),
      ...input.foldMetrics.map((m) => ({
        key: `fold_${m.name}`,
        value: m.value,
        step: m.fold,
        timestamp: t0,
      })),
      // Final values take the last step and a later timestamp, so they are the run's "latest" values.
      ...Object.entries(input.finalMetrics).map(([key, value]) => ({
        key,
        value,
        step: lastStep,
        timestamp: t0 + 1,
      })),
    ]);
    for (const a of input.artifacts) await tracker.logArtifact(runId, a.path, a.artifactPath);
    await logBundle(tracker, runId, input.bundleDir);

    const trialRunIds: string[] = [];
    for (const [i, trial] of (input.hyperparameterTrials ?? []).entries()) {
      const child = await tracker.startRun({
        experiment,
        runName: trial.name ?? `trial-${i + 1}`,
        parentRunId: runId,
      });
      await tracker.logParams(child, trial.params);
      await tracker.logMetrics(
        child,
        Object.entries(trial.metrics).map(([key, value]) => ({ key, value })),
      );
      await tracker.endRun(child, 'FINISHED');
      trialRunIds.push(child);
    }
    const version = await tracker.registerModelVersion({
      name: modelName,
      runId,
      artifactPath: 'model',
      description: `trained by run ${runId}`,
      tags: input.tags[GATE_TAG] ? { [GATE_TAG]: input.tags[GATE_TAG] } : {},
    });
    await tracker.setAlias(modelName, input.alias ?? 'challenger', version.version);
    await tracker.endRun(runId, 'FINISHED');
    return { runId, modelVersion: version.version, trialRunIds };
  } catch (e) {
    await tracker.endRun(runId, 'FAILED').catch(() => undefined);
    throw e;
  }
}

const GATE_TAG = 'validation_data_hash';

/** Uploads the bundle as `model/`, adding a minimal MLmodel file when training did not write one. */
async function logBundle(tracker: Tracker, runId: string, bundleDir: string): Promise<void> {
  if (existsSync(join(bundleDir, 'MLmodel'))) {
    await tracker.logArtifact(runId, bundleDir, 'model');
    return;
  }
  const tmp = await mkdtemp(join(tmpdir(), 'credit-bundle-'));
  try {
    await cp(bundleDir, tmp, { recursive: true });
    await writeFile(
      join(tmp, 'MLmodel'),
      minimalMlmodel({ runId, features: await manifestFeatures(bundleDir) }),
    );
    await tracker.logArtifact(runId, tmp, 'model');
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Feature names from the bundle's manifest (`features` or `featureNames`), when it lists them. */
async function manifestFeatures(bundleDir: string): Promise<string[] | undefined> {
  try {
    const m = JSON.parse(await readFile(join(bundleDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const list = m.features ?? m.featureNames;
    return Array.isArray(list) && list.every((x) => typeof x === 'string') ? list : undefined;
  } catch {
    return undefined;
  }
}
