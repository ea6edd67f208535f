import type { TrainingConfig } from './types.js';

/** Defaults; training/configs/default.json holds the same values for the CLI. */
export const defaultTrainingConfig: TrainingConfig = {
  mlp: {
    hiddenLayers: [256, 64],
    dropout: 0.3,
    l2: 1e-5,
    learningRate: 1e-3,
    batchSize: 256,
    epochs: 20,
    patience: 3,
  },
  baseline: { learningRate: 1e-2, batchSize: 256, epochs: 20, l2: 1e-5, patience: 3 },
  folds: 5,
  seed: 42,
  cost: { falseNegative: 10, falsePositive: 1 },
  fBeta: 2,
  missingIndicatorMinRate: 0.01,
  excludeProtected: false,
  importanceRows: 2000,
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type TrainingConfigInput = DeepPartial<TrainingConfig>;

/** Overlays a partial config (file, flags) on the defaults, one level deep for the nested groups. */
export function resolveTrainingConfig(input: TrainingConfigInput = {}): TrainingConfig {
  const d = defaultTrainingConfig;
  return {
    ...d,
    ...(input as Partial<TrainingConfig>),
    mlp: { ...d.mlp, ...(input.mlp as Partial<TrainingConfig['mlp']>) },
    baseline: { ...d.baseline, ...(input.baseline as Partial<TrainingConfig['baseline']>) },
    cost: { ...d.cost, ...(input.cost as Partial<TrainingConfig['cost']>) },
  };
}
