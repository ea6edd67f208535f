/**
 * Hyperparameter search: one cross-validation per trial (MLP only, same folds for every trial since the
 * folds depend on the seed alone), each trial reported, the best chosen by pooled out-of-fold ROC AUC
 * (ties: lower business cost per client, then the earlier trial).
 */
import type { TrainingConfigInput } from '../config.js';
import type { Logger } from '../logger.js';
import type { FeatureTable } from '../types.js';
import { crossValidate } from './cross-validate.js';
import type { SearchConfig } from './search-config.js';
import { generateTrials, type TrialParams } from './trials.js';

export interface TrialResult {
  /** 1-based, in the order the trials ran. */
  trial: number;
  params: TrialParams;
  oofAuc: number;
  meanFoldAuc: number;
  costPerClient: number;
  threshold: number;
  businessScore: number;
  /** Best epoch per fold (early stopping). */
  bestEpochs: number[];
  seconds: number;
}

export interface SearchReport {
  strategy: SearchConfig['strategy'];
  seed: number;
  folds: number;
  trials: TrialResult[];
  /** `trial` number of the best. */
  best: number;
  /** The training config (base + best trial's MLP settings) to pass to `credit train --config`. */
  bestConfig: TrainingConfigInput;
}

export interface SearchOptions {
  /** Overrides the file's trial count (e.g. --trials). */
  trials?: number;
  logger?: Logger;
  onEpoch?: (e: { trial: number; fold: number; epoch: number; valAuc: number }) => void;
  onTrial?: (t: TrialResult) => void | Promise<void>;
}

export async function runSearch(
  table: FeatureTable,
  search: SearchConfig,
  options: SearchOptions = {},
): Promise<SearchReport> {
  const trials = generateTrials(search, options.trials);
  const base = search.base as TrainingConfigInput;
  const configOf = (params: TrialParams): TrainingConfigInput => ({
    ...base,
    seed: search.seed,
    ...(search.folds ? { folds: search.folds } : {}),
    mlp: { ...base.mlp, ...params },
  });
  const results: TrialResult[] = [];
  let folds = 0;
  for (const [i, params] of trials.entries()) {
    const started = Date.now();
    const cv = await crossValidate(table, {
      config: configOf(params),
      logger: options.logger,
      onEpoch: (e) => options.onEpoch?.({ trial: i + 1, fold: e.fold, epoch: e.epoch, valAuc: e.valAuc }),
    });
    folds = cv.config.folds;
    const result: TrialResult = {
      trial: i + 1,
      params,
      oofAuc: cv.metrics.mlp.rocAuc,
      meanFoldAuc: cv.meanFoldMlpAuc,
      costPerClient: cv.metrics.mlp.costPerClient,
      threshold: cv.metrics.mlp.threshold,
      businessScore: cv.metrics.mlp.businessScore,
      bestEpochs: cv.folds.map((f) => f.bestEpochs[0]!),
      seconds: (Date.now() - started) / 1000,
    };
    results.push(result);
    await options.onTrial?.(result);
  }
  const best = bestTrial(results);
  return {
    strategy: search.strategy,
    seed: search.seed,
    folds,
    trials: results,
    best: best.trial,
    bestConfig: configOf(best.params),
  };
}

/** Highest OOF AUC; ties go to the lower cost per client, then to the earlier trial. NaN AUC never wins. */
export function bestTrial(results: TrialResult[]): TrialResult {
  if (results.length === 0) throw new Error('no trial ran');
  const score = (r: TrialResult) => (Number.isNaN(r.oofAuc) ? Number.NEGATIVE_INFINITY : r.oofAuc);
  return results.reduce((best, r) =>
    score(r) > score(best) || (score(r) === score(best) && r.costPerClient < best.costPerClient) ? r : best,
  );
}
