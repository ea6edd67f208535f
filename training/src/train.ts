/**
 * trainFromFeatureTable: the whole training stage as one function the CLI and the pipeline call.
 *
 *   labelled rows ─► stratified k folds ─► per fold: fit preprocessing on train rows ─► MLP + logistic
 *        baseline (early stopping on the fold's validation AUC) ─► out-of-fold probabilities
 *   OOF ─► cost-optimal threshold, metrics, cost + ROC curves, fairness
 *   fold 0's model ─► permutation importance + mean |attribution| per field
 *   all labelled rows ─► final preprocessing + MLP (epochs = mean best epoch) ─► ScoringModel
 */
import { selectBackend } from './backend.js';
import { resolveTrainingConfig, validateTrainingConfig, type TrainingConfigInput } from './config.js';
import { featureTableHash } from './data-hash.js';
import { TrainingError } from './errors.js';
import type { FieldPresentation } from './explain/wording.js';
import { fairnessReport, type GroupFairness } from './fairness.js';
import { fitEnsemble, fitNetwork } from './fit.js';
import {
  baselineOptions,
  fitRowsPreprocessor,
  mlpOptions,
  labelledRows,
  matrixOf,
  positions,
} from './fold-rows.js';
import { stratifiedFolds } from './folds.js';
import { fieldImportance, importanceChartSpec, type FieldImportance } from './importance.js';
import { silentLogger, type Logger } from './logger.js';
import { BUNDLE_FORMAT_VERSION, type FoldSummary, type Manifest } from './manifest.js';
import {
  classificationMetrics,
  costCurve,
  costOptimalThreshold,
  crossFittedCost,
  rocAuc,
  rocCurve,
  type ClassificationMetrics,
} from './metrics.js';
import { predictLogits, probabilities } from './network.js';
import { createScoringModel, type ScoringModel } from './scoring-model.js';
import type { FeatureTable, FieldInfo, TrainingConfig } from './types.js';

export const PROTECTED_FIELDS = ['CODE_GENDER'];

export interface EpochEvent {
  fold: number | 'final';
  model: 'mlp' | 'baseline';
  epoch: number;
  loss: number;
  valAuc: number;
}

export interface TrainOptions {
  config?: TrainingConfigInput;
  fieldOf?: Record<string, string>;
  fieldInfo?: Record<string, FieldInfo>;
  recipeHash?: string | null;
  gitCommit?: string | null;
  logger?: Logger;
  onEpoch?: (event: EpochEvent) => void;
  onFold?: (summary: FoldSummary) => void;
}

/** A metric value at a step, as a tracker logs it (key e.g. "fold0.mlp.val_auc", step = epoch). */
export interface MetricPoint {
  key: string;
  value: number;
  step: number;
}

export interface TrainingArtifact {
  /** File name inside the bundle's reports/ folder. */
  name: string;
  content: unknown;
}

export interface TrainingResult {
  params: Record<string, string | number | boolean>;
  epochMetrics: MetricPoint[];
  folds: FoldSummary[];
  metrics: { mlp: ClassificationMetrics; baseline: ClassificationMetrics };
  importance: FieldImportance[];
  fairness: GroupFairness[];
  artifacts: TrainingArtifact[];
  /** The final model, ready to score and to save with saveBundle. */
  model: ScoringModel;
}

export async function trainFromFeatureTable(
  table: FeatureTable,
  options: TrainOptions = {},
): Promise<TrainingResult> {
  const config = validateTrainingConfig(resolveTrainingConfig(options.config));
  const logger = options.logger ?? silentLogger;
  const backend = await selectBackend(logger);
  const fieldOf = options.fieldOf ?? {};
  const fieldInfo = options.fieldInfo ?? {};

  // 1. Labelled rows and the model's features (protected ones left out on request).
  const rows = labelledTrainingRows(table);
  const excluded = config.excludeProtected
    ? table.names.filter(
        (n) =>
          PROTECTED_FIELDS.includes(fieldOf[n] ?? n) || PROTECTED_FIELDS.some((p) => n.startsWith(`${p}_`)),
      )
    : [];
  const keep = table.names.map((n, i) => ({ n, i })).filter(({ n }) => !excluded.includes(n));
  const names = keep.map(({ n }) => n);
  const columns = keep.map(({ i }) => table.columns[i]!);
  const y = Float64Array.from(rows, (r) => table.target[r]!);
  logger.info('training data', {
    rows: rows.length,
    features: names.length,
    excluded: excluded.length,
    backend,
  });

  // 2. Stratified CV with out-of-fold predictions.
  const fold = stratifiedFolds(table.target, rows, config.folds, config.seed);
  const oofMlp = new Float64Array(rows.length);
  const oofBase = new Float64Array(rows.length);
  const epochMetrics: MetricPoint[] = [];
  const folds: FoldSummary[] = [];
  let importance: FieldImportance[] = [];
  for (let k = 0; k < config.folds; k++) {
    const trainIdx = positions(fold, (f) => f !== k);
    const valIdx = positions(fold, (f) => f === k);
    const pre = fitRowsPreprocessor(config, names, columns, rows, trainIdx, y);
    const train = matrixOf(pre, columns, rows, trainIdx, y);
    const val = matrixOf(pre, columns, rows, valIdx, y);
    const track = (model: 'mlp' | 'baseline') => (e: { epoch: number; loss: number; valAuc: number }) => {
      epochMetrics.push({ key: `fold${k}.${model}.loss`, value: e.loss, step: e.epoch });
      epochMetrics.push({ key: `fold${k}.${model}.val_auc`, value: e.valAuc, step: e.epoch });
      options.onEpoch?.({ fold: k, model, ...e });
    };
    const trackMlp = track('mlp');
    const mlp = await fitEnsemble(train, val, mlpOptions(config), config.mlp.ensemble, (e) => {
      if (e.member === 0) trackMlp(e);
      else
        epochMetrics.push({ key: `fold${k}.mlp_member${e.member}.val_auc`, value: e.valAuc, step: e.epoch });
    });
    const base = await fitNetwork(train, val, baselineOptions(config), track('baseline'));
    const pMlp = probabilities(predictLogits(mlp.model, val.x, val.width));
    const pBase = probabilities(predictLogits(base.model, val.x, val.width));
    valIdx.forEach((i, j) => {
      oofMlp[i] = pMlp[j]!;
      oofBase[i] = pBase[j]!;
    });
    const choice = costOptimalThreshold(val.y, pMlp, config.cost);
    const summary: FoldSummary = {
      fold: k,
      rows: valIdx.length,
      mlpAuc: rocAuc(val.y, pMlp),
      baselineAuc: rocAuc(val.y, pBase),
      threshold: choice.threshold,
      costPerClient: choice.costPerClient,
      bestEpoch: mlp.bestEpoch,
    };
    folds.push(summary);
    options.onFold?.(summary);
    if (k === 0) {
      const sample = Math.min(val.y.length, config.importanceRows);
      const xs = val.x.subarray(0, sample * val.width);
      importance = fieldImportance(mlp.model, pre, xs, val.y.subarray(0, sample), fieldOf, config.seed);
    }
    mlp.model.dispose();
    base.model.dispose();
  }

  // 3. Threshold and metrics on the out-of-fold predictions.
  const thresholdMlp = costOptimalThreshold(y, oofMlp, config.cost).threshold;
  const thresholdBase = costOptimalThreshold(y, oofBase, config.cost).threshold;
  const metrics = {
    mlp: {
      ...classificationMetrics(y, oofMlp, thresholdMlp, config.cost, config.fBeta),
      crossFittedCostPerClient: crossFittedCost(y, oofMlp, fold, config.cost),
    },
    baseline: {
      ...classificationMetrics(y, oofBase, thresholdBase, config.cost, config.fBeta),
      crossFittedCostPerClient: crossFittedCost(y, oofBase, fold, config.cost),
    },
  };
  const attribute = (name: string) => {
    const i = table.names.indexOf(name);
    return i < 0 ? undefined : Float64Array.from(rows, (r) => table.columns[i]![r]!);
  };
  const fairness = fairnessReport(y, oofMlp, thresholdMlp, {
    gender: attribute('CODE_GENDER'),
    // @credit/data's featureLabels gives a factorized column its categories (code i = categories[i]).
    genderCategories: (fieldInfo.CODE_GENDER as FieldPresentation | undefined)?.categories,
    daysBirth: attribute('DAYS_BIRTH'),
  });
  logger.info('cross-validation', {
    mlpAuc: metrics.mlp.rocAuc,
    baselineAuc: metrics.baseline.rocAuc,
    threshold: thresholdMlp,
  });

  // 4. Final model on every labelled row, as many epochs as the folds needed on average.
  const meanBest = folds.reduce((s, f) => s + f.bestEpoch, 0) / folds.length;
  const finalEpochs = Math.max(1, Math.round(meanBest));
  const all = rows.map((_, i) => i);
  const finalPre = fitRowsPreprocessor(config, names, columns, rows, all, y);
  const final = await fitEnsemble(
    matrixOf(finalPre, columns, rows, all, y),
    undefined,
    { ...mlpOptions(config), epochs: finalEpochs },
    config.mlp.ensemble,
    ({ member, ...e }) => {
      epochMetrics.push({
        key: member === 0 ? 'final.mlp.loss' : `final.mlp_member${member}.loss`,
        value: e.loss,
        step: e.epoch,
      });
      if (member === 0) options.onEpoch?.({ fold: 'final', model: 'mlp', ...e });
    },
  );

  const manifest: Manifest = {
    formatVersion: BUNDLE_FORMAT_VERSION,
    featureNames: names,
    preprocessing: finalPre,
    // The saved network's real widths (an ensemble is merged into one wider network).
    network: { hiddenLayers: config.mlp.hiddenLayers.map((h) => h * config.mlp.ensemble), output: 'logit' },
    threshold: thresholdMlp,
    cost: config.cost,
    metrics: { ...metrics, folds },
    config,
    trainingDataHash: featureTableHash(table),
    trainingRows: rows.length,
    gitCommit: options.gitCommit ?? null,
    tfjsBackend: backend,
    createdAt: new Date().toISOString(),
    recipeHash: options.recipeHash ?? null,
    finalModel: 'refit on all labelled rows, epochs = mean best epoch of the folds',
    excludedFeatures: excluded,
    fieldOf,
    fieldInfo,
    baselines: { medians: Object.fromEntries(finalPre.features.map((f) => [f.name, f.median])) },
  };
  const model = createScoringModel(manifest, final.model);
  return {
    params: flattenParams(config, finalEpochs),
    epochMetrics,
    folds,
    metrics,
    importance,
    fairness,
    artifacts: [
      {
        name: 'cv-report.json',
        content: { folds, metrics, thresholdMlp, thresholdBaseline: thresholdBase, epochMetrics },
      },
      { name: 'cost-curve.json', content: costCurve(y, oofMlp, config.cost) },
      { name: 'roc-curve.json', content: thinned(rocCurve(y, oofMlp), 500) },
      { name: 'importance.json', content: importance },
      { name: 'importance.vl.json', content: importanceChartSpec(importance) },
      { name: 'fairness.json', content: fairness },
    ],
    model,
  };
}

/** Labelled rows, with enough of each class to stratify and to fit. */
function labelledTrainingRows(table: FeatureTable): number[] {
  const rows = labelledRows(table);
  const positives = rows.filter((r) => table.target[r] === 1).length;
  if (positives < 2 || rows.length - positives < 2)
    throw new TrainingError(
      'E_TARGET',
      `need at least 2 defaults and 2 repaid loans among labelled rows; got ${positives} of ${rows.length}`,
    );
  return rows;
}

function flattenParams(c: TrainingConfig, finalEpochs: number): Record<string, string | number | boolean> {
  return {
    'mlp.hidden_layers': c.mlp.hiddenLayers.join('-'),
    'mlp.dropout': c.mlp.dropout,
    'mlp.l2': c.mlp.l2,
    'mlp.learning_rate': c.mlp.learningRate,
    'mlp.batch_size': c.mlp.batchSize,
    'mlp.max_epochs': c.mlp.epochs,
    'mlp.patience': c.mlp.patience,
    'mlp.input_dropout': c.mlp.inputDropout,
    'mlp.lr_decay': c.mlp.lrDecay,
    'mlp.class_weight': c.mlp.classWeight,
    'mlp.ensemble': c.mlp.ensemble,
    'mlp.final_epochs': finalEpochs,
    'baseline.learning_rate': c.baseline.learningRate,
    folds: c.folds,
    seed: c.seed,
    'cost.false_negative': c.cost.falseNegative,
    'cost.false_positive': c.cost.falsePositive,
    f_beta: c.fBeta,
    exclude_protected: c.excludeProtected,
    max_inputs: c.maxInputs,
    selection_max_correlation: c.selectionMaxCorrelation,
    selection_score: c.selectionScore,
    piecewise_bins: c.piecewiseBins,
    piecewise_edges: c.piecewiseEdges,
    calibrate_intercept: c.calibrateIntercept,
  };
}

function thinned<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const step = points.length / max;
  return Array.from({ length: max }, (_, i) => points[Math.floor(i * step)]!).concat(points.at(-1)!);
}
