/** Shapes of the drift computation: inputs over plain arrays, and the report written as drift.json. */
import type { DriftConfig } from './config.js';

/** Structural subset of @credit/data's FeatureTable. NaN = missing. */
export interface FeatureTableLike {
  names: string[];
  columns: ArrayLike<number>[];
}

export type FeatureKind = 'numeric' | 'categorical';
export type DriftTest = 'ks' | 'chi-square' | 'wasserstein-normed' | 'jensen-shannon';

export interface Distribution {
  /** Numeric: bin edges (length bins + 1); categorical: the category codes. */
  edges: number[];
  reference: number[];
  current: number[];
  kind: FeatureKind;
}

export interface FeatureDrift {
  name: string;
  kind: FeatureKind;
  test: DriftTest;
  statistic: number | null;
  pValue: number | null;
  /** Threshold the test's figure was compared to (p-value or distance). */
  threshold: number;
  psi: number | null;
  ksStatistic: number | null;
  missingRateReference: number;
  missingRateCurrent: number;
  drifted: boolean;
  /** Why it counts as drifted (empty when not drifted). */
  reasons: string[];
  importance: number | null;
  distribution?: Distribution;
}

export interface DriftSummary {
  features: number;
  driftedFeatures: number;
  driftedShare: number;
  datasetDrift: boolean;
  weightedDriftedShare: number | null;
  weightedDrift: boolean;
  predictionDrift: boolean | null;
  alert: boolean;
  /** Drifted features ordered by importance (or PSI when no importance is known). */
  topDrifted: string[];
}

export interface TargetDrift {
  referenceRate: number;
  currentRate: number;
  referenceLabelled: number;
  currentLabelled: number;
  chiSquare: number;
  pValue: number;
  drifted: boolean;
}

export interface DriftReport {
  formatVersion: 1;
  createdAt: string;
  method: DriftConfig['method'];
  config: DriftConfig;
  rows: { reference: number; current: number };
  summary: DriftSummary;
  prediction: FeatureDrift | null;
  target: TargetDrift | null;
  features: FeatureDrift[];
}

export interface DriftInput {
  reference: FeatureTableLike;
  current: FeatureTableLike;
  kinds?: Record<string, FeatureKind>;
  importance?: Record<string, number>;
  referencePredictions?: ArrayLike<number>;
  currentPredictions?: ArrayLike<number>;
  referenceTarget?: ArrayLike<number>;
  currentTarget?: ArrayLike<number>;
  config: DriftConfig;
  /** Called after each feature (done, total). */
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
}
