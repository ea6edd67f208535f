/**
 * Logs a saved model bundle as a training run (params, per-epoch and per-fold metrics, final metrics,
 * reports, the bundle as `model/`), registers it as the `challenger` and passes it through the
 * promotion gate. Reads only the bundle's files, so it works for any bundle `credit train` wrote.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PromoteDecision, Tracker } from '@credit/experiments';

interface ManifestSubset {
  trainingRows: number;
  featureNames: string[];
  trainingDataHash: string;
  recipeHash?: string | null;
  gitCommit?: string | null;
  tfjsBackend: string;
  threshold: number;
  cost: { falseNegative: number; falsePositive: number };
  config: Record<string, unknown>;
  metrics: { mlp: Record<string, number>; baseline: Record<string, number> };
}

interface CvReport {
  folds?: { fold: number; mlpAuc?: number; baselineAuc?: number; threshold?: number; bestEpoch?: number }[];
  epochMetrics?: { key: string; value: number; step: number }[];
}

export interface TrackedBundle {
  runId: string;
  modelVersion: string;
  promotion: PromoteDecision;
}

export async function trackBundle(
  tracker: Tracker,
  bundleDir: string,
  options: { experiment?: string; modelName?: string; runName?: string } = {},
): Promise<TrackedBundle> {
  const { logTrainingRun, promote } = await import('@credit/experiments');
  const manifest = JSON.parse(readFileSync(join(bundleDir, 'manifest.json'), 'utf8')) as ManifestSubset;
  const reportsDir = join(bundleDir, 'reports');
  const cv = readJson<CvReport>(join(reportsDir, 'cv-report.json')) ?? {};
  const mlp = manifest.metrics.mlp;
  const baseline = manifest.metrics.baseline;

  const finalMetrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(mlp)) if (typeof v === 'number') finalMetrics[`val_${snake(k)}`] = v;
  for (const [k, v] of Object.entries(baseline))
    if (typeof v === 'number') finalMetrics[`baseline_${snake(k)}`] = v;
  // The gate compares these two on the same validation data (validation_data_hash tag).
  finalMetrics.val_auc = mlp.rocAuc ?? Number.NaN;
  finalMetrics.val_business_cost = mlp.costPerClient ?? Number.NaN;

  const foldMetrics = (cv.folds ?? []).flatMap((f) =>
    (['mlpAuc', 'baselineAuc', 'threshold', 'bestEpoch'] as const)
      .filter((k) => typeof f[k] === 'number')
      .map((k) => ({ name: snake(k), value: f[k] as number, fold: f.fold })),
  );

  const result = await logTrainingRun(tracker, {
    experiment: options.experiment,
    modelName: options.modelName,
    runName: options.runName ?? `mlp-${manifest.trainingRows}-rows`,
    params: {
      ...flatten(manifest.config),
      tfjs_backend: manifest.tfjsBackend,
      training_rows: manifest.trainingRows,
      feature_count: manifest.featureNames.length,
      training_data_hash: manifest.trainingDataHash,
      recipe_hash: manifest.recipeHash ?? 'none',
      cost_false_negative: manifest.cost.falseNegative,
      cost_false_positive: manifest.cost.falsePositive,
    },
    epochMetrics: (cv.epochMetrics ?? []).map((m) => ({ name: m.key, value: m.value, step: m.step })),
    foldMetrics,
    finalMetrics,
    tags: {
      validation_data_hash: manifest.trainingDataHash,
      ...(manifest.gitCommit ? { 'mlflow.source.git.commit': manifest.gitCommit } : {}),
    },
    artifacts: existsSync(reportsDir)
      ? readdirSync(reportsDir).map((f) => ({ path: join(reportsDir, f), artifactPath: 'reports' }))
      : [],
    bundleDir,
  });
  const promotion = await promote({ tracker, model: options.modelName });
  return { runId: result.runId, modelVersion: String(result.modelVersion), promotion };
}

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v))
      Object.assign(out, flatten(v as Record<string, unknown>, key));
    else out[key] = typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}
