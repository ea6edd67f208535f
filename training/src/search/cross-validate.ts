/**
 * Cross-validation only (no final refit, no importance, no bundle): what a hyperparameter trial and the
 * LightGBM comparison bench need. Same steps as trainFromFeatureTable's CV: stratified folds (or a given
 * fold assignment), preprocessing fitted on each fold's training rows, early stopping on the fold's
 * validation AUC, out-of-fold probabilities, cost-optimal threshold on OOF.
 */
import { selectBackend } from '../backend.js';
import { resolveTrainingConfig, validateTrainingConfig, type TrainingConfigInput } from '../config.js';
import { TrainingError } from '../errors.js';
import { fitEnsemble, fitNetwork } from '../fit.js';
import {
  baselineOptions,
  fitRowsPreprocessor,
  mlpOptions,
  labelledRows,
  matrixOf,
  positions,
} from '../fold-rows.js';
import { stratifiedFolds } from '../folds.js';
import { silentLogger, type Logger } from '../logger.js';
import {
  classificationMetrics,
  costOptimalThreshold,
  rocAuc,
  type ClassificationMetrics,
} from '../metrics.js';
import { predictLogits, probabilities } from '../network.js';
import type { FeatureTable, TrainingConfig } from '../types.js';

export interface CrossValidateOptions {
  config?: TrainingConfigInput;
  /** Also fit the logistic baseline on each fold (off: MLP only, as search trials do). */
  baseline?: boolean;
  /**
   * MLPs fitted per fold with seeds seed, seed+1, ... whose probabilities are averaged (a variance
   * lever: several seeds). 1 = a single network, as `credit train` does.
   */
  seeds?: number;
  /** Fold number per labelled row (in row order): to reuse an exported assignment, e.g. the LightGBM bench's. */
  folds?: Int32Array;
  logger?: Logger;
  onEpoch?: (e: { fold: number; model: string; epoch: number; loss: number; valAuc: number }) => void;
  /** After each fold; `oof` is filled for the folds done so far (a long run can save partial results). */
  onFold?: (f: CvFold, oof: { mlp: Float64Array; baseline?: Float64Array }) => void | Promise<void>;
}

export interface CvFold {
  fold: number;
  rows: number;
  mlpAuc: number;
  baselineAuc: number;
  /** Best epoch of each network: seed by seed, each seed's `mlp.ensemble` members in order. */
  bestEpochs: number[];
}

export interface CrossValidation {
  config: TrainingConfig;
  /** Indices of the labelled rows in the table; oof and fold arrays follow this order. */
  rows: number[];
  y: Float64Array;
  fold: Int32Array;
  oof: { mlp: Float64Array; baseline?: Float64Array };
  folds: CvFold[];
  metrics: { mlp: ClassificationMetrics; baseline?: ClassificationMetrics };
  /** Mean of the per-fold MLP AUCs (the pooled OOF AUC also mixes the folds' calibrations). */
  meanFoldMlpAuc: number;
}

export async function crossValidate(
  table: FeatureTable,
  options: CrossValidateOptions = {},
): Promise<CrossValidation> {
  const config = validateTrainingConfig(resolveTrainingConfig(options.config));
  const logger = options.logger ?? silentLogger;
  await selectBackend(logger);
  const seeds = options.seeds ?? 1;
  if (!Number.isInteger(seeds) || seeds < 1)
    throw new TrainingError('E_CONFIG', `seeds must be a whole number >= 1, got ${seeds}`);
  const rows = labelledRows(table);
  const y = Float64Array.from(rows, (r) => table.target[r]!);
  const fold = options.folds ?? stratifiedFolds(table.target, rows, config.folds, config.seed);
  if (fold.length !== rows.length)
    throw new TrainingError(
      'E_FOLDS',
      `fold assignment has ${fold.length} entries for ${rows.length} labelled rows: export it from the same table`,
    );
  const k = Math.max(...fold) + 1;
  const oofMlp = new Float64Array(rows.length);
  const oofBase = options.baseline ? new Float64Array(rows.length) : undefined;
  const folds: CvFold[] = [];

  for (let f = 0; f < k; f++) {
    const trainIdx = positions(fold, (v) => v !== f);
    const valIdx = positions(fold, (v) => v === f);
    const pre = fitRowsPreprocessor(config, table.names, table.columns, rows, trainIdx, y);
    const train = matrixOf(pre, table.columns, rows, trainIdx, y);
    const val = matrixOf(pre, table.columns, rows, valIdx, y);
    const pMlp = new Float64Array(valIdx.length);
    const bestEpochs: number[] = [];
    for (let s = 0; s < seeds; s++) {
      // Seed s's ensemble uses seeds seed + s*members ... so that no two networks share a seed.
      const members = config.mlp.ensemble;
      const fit = await fitEnsemble(
        train,
        val,
        { ...mlpOptions(config), seed: config.seed + s * members },
        members,
        ({ member, ...e }) =>
          options.onEpoch?.({
            fold: f,
            model: (seeds > 1 ? `mlp#${s}` : 'mlp') + (member > 0 ? `.member${member}` : ''),
            ...e,
          }),
      );
      const p = probabilities(predictLogits(fit.model, val.x, val.width));
      p.forEach((v, j) => (pMlp[j]! += v / seeds));
      bestEpochs.push(...fit.bestEpochs);
      fit.model.dispose();
    }
    let baselineAuc = Number.NaN;
    if (oofBase) {
      const fit = await fitNetwork(train, val, baselineOptions(config), (e) =>
        options.onEpoch?.({ fold: f, model: 'baseline', ...e }),
      );
      const p = probabilities(predictLogits(fit.model, val.x, val.width));
      valIdx.forEach((i, j) => (oofBase[i] = p[j]!));
      baselineAuc = rocAuc(val.y, p);
      fit.model.dispose();
    }
    valIdx.forEach((i, j) => (oofMlp[i] = pMlp[j]!));
    const summary = { fold: f, rows: valIdx.length, mlpAuc: rocAuc(val.y, pMlp), baselineAuc, bestEpochs };
    folds.push(summary);
    logger.info('cv fold', {
      fold: f,
      mlpAuc: summary.mlpAuc,
      ...(oofBase ? { baselineAuc } : {}),
      bestEpochs,
    });
    await options.onFold?.(summary, { mlp: oofMlp, ...(oofBase ? { baseline: oofBase } : {}) });
  }

  const metricsOf = (p: Float64Array) =>
    classificationMetrics(y, p, costOptimalThreshold(y, p, config.cost).threshold, config.cost, config.fBeta);
  return {
    config,
    rows,
    y,
    fold,
    oof: { mlp: oofMlp, ...(oofBase ? { baseline: oofBase } : {}) },
    folds,
    metrics: { mlp: metricsOf(oofMlp), ...(oofBase ? { baseline: metricsOf(oofBase) } : {}) },
    meanFoldMlpAuc: folds.reduce((s, f) => s + f.mlpAuc, 0) / folds.length,
  };
}
