/** The feature table as @credit/data produces it (structural: training imports no other workspace). */
export interface FeatureTable {
  ids: Float64Array;
  /** TARGET; NaN where unknown (such rows are left out of training). */
  target: Float64Array;
  names: string[];
  /** One per name; NaN = missing, ±Infinity possible. */
  columns: Float64Array[];
}

/** Business description of a source field, from the Kaggle column dictionary. */
export interface FieldInfo {
  label: string;
  description: string;
}

/** Cost of each wrong decision: a defaulter granted (FN) and a good client refused (FP). */
export interface CostWeights {
  falseNegative: number;
  falsePositive: number;
}

export interface MlpConfig {
  hiddenLayers: number[];
  dropout: number;
  l2: number;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Epochs without a better validation AUC before stopping. */
  patience: number;
  /** Share of model inputs dropped per training row (seeded; training only, scoring uses every input). */
  inputDropout: number;
  /** Learning rate multiplied by this after every epoch (1 = constant). */
  lrDecay: number;
  /** 'balanced': both classes weigh the same in the loss; 'sqrt': half-way on a log scale; 'none': plain log loss. */
  classWeight: 'balanced' | 'sqrt' | 'none';
  /**
   * Networks trained with seeds seed, seed+1, ... and merged into one dense ReLU network whose logit is
   * their mean (hidden widths x this); 1 = a single network.
   */
  ensemble: number;
}

export interface TrainingConfig {
  mlp: MlpConfig;
  baseline: { learningRate: number; batchSize: number; epochs: number; l2: number; patience: number };
  folds: number;
  seed: number;
  cost: CostWeights;
  /** Beta of the F-beta score (2: recall weighs more, as missed defaulters cost more). */
  fBeta: number;
  /** A missing-indicator column is added when a feature's missing rate on the training rows is above this. */
  missingIndicatorMinRate: number;
  /**
   * Keep only this many features, the strongest by univariate AUC on each fold's TRAINING rows (and on all
   * rows for the final model); 0 = every feature. The kept list is part of the saved preprocessing.
   */
  maxInputs: number;
  /**
   * In that selection, an input whose rank correlation with a stronger input already kept is above this is
   * passed over (near-copies leave their places to other information); 1 = no redundancy filter.
   */
  selectionMaxCorrelation: number;
  /**
   * What ranks a feature's value in that selection: 'auc' = |ROC AUC − 0.5| (monotone effects only);
   * 'steps' = the larger of that and the same for the best step function of the feature, the leaves of the
   * gated tree of target-bins.ts (selection-score.ts; no effect with piecewiseBins < 2).
   */
  selectionScore: 'auc' | 'steps';
  /**
   * Piecewise-linear encoding of each quantile feature's percentile in this many model inputs (0 = one
   * input per feature, the plain quantile transform). Part of the saved preprocessing (FeatureSpec.bins).
   */
  piecewiseBins: number;
  /**
   * Where the piecewise slices' edges lie: 'equal' = equal slices of the percentile; 'target' = the leaves of
   * a small univariate tree on each feature, fitted on the training rows (target-bins.ts).
   */
  piecewiseEdges: 'equal' | 'target';
  /**
   * After each network (MLP member or baseline) is trained, shift its output bias so that on its own
   * TRAINING rows the class-weighted mean predicted probability equals the class-weighted default rate.
   * Early stopping and dropout leave each fold's model offset differently; re-centring makes the folds'
   * probabilities comparable, so the one threshold chosen on the pooled out-of-fold predictions suits
   * every fold and the final model. No validation row is used.
   */
  calibrateIntercept: boolean;
  /** Leave CODE_GENDER out of the model (still used by the fairness report). */
  excludeProtected: boolean;
  /** Rows of validation data used for permutation importance and mean |attribution|. */
  importanceRows: number;
}
