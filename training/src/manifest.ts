import type { BackendName } from './backend.js';
import type { ClassificationMetrics } from './metrics.js';
import type { Preprocessor } from './preprocess.js';
import type { CostWeights, FieldInfo, TrainingConfig } from './types.js';

export const BUNDLE_FORMAT_VERSION = 1;

export interface FoldSummary {
  fold: number;
  rows: number;
  mlpAuc: number;
  baselineAuc: number;
  /** Cost-optimal threshold on this fold's validation rows alone (stability check). */
  threshold: number;
  costPerClient: number;
  bestEpoch: number;
}

export interface Manifest {
  formatVersion: number;
  /** Raw feature names in the order rows must follow. */
  featureNames: string[];
  preprocessing: Preprocessor;
  network: { hiddenLayers: number[]; output: 'logit' };
  threshold: number;
  cost: CostWeights;
  metrics: { mlp: ClassificationMetrics; baseline: ClassificationMetrics; folds: FoldSummary[] };
  config: TrainingConfig;
  trainingDataHash: string;
  trainingRows: number;
  gitCommit: string | null;
  tfjsBackend: BackendName;
  createdAt: string;
  recipeHash: string | null;
  /** How the final model was made. */
  finalModel: 'refit on all labelled rows, epochs = mean best epoch of the folds';
  excludedFeatures: string[];
  fieldOf: Record<string, string>;
  fieldInfo: Record<string, FieldInfo>;
  baselines: { medians: Record<string, number> };
}
