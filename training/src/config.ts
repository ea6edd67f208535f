import { TrainingError } from './errors.js';
import type { TrainingConfig } from './types.js';

/** Defaults; training/configs/default.json holds the same values for the CLI. */
export const defaultTrainingConfig: TrainingConfig = {
  // Chosen on the real sample (docs/training.md, "Closing the gap to LightGBM", "Seventh round"): 3 small
  // networks (merged into one) on 200 selected inputs in piecewise-linear encoding with target-aware slices
  // (a chi2 gate on each cut), re-centred on their training rows.
  mlp: {
    hiddenLayers: [64],
    dropout: 0.1,
    l2: 1e-5,
    learningRate: 1e-3,
    batchSize: 256,
    epochs: 20,
    patience: 3,
    inputDropout: 0,
    lrDecay: 0.9,
    classWeight: 'sqrt',
    ensemble: 3,
  },
  baseline: { learningRate: 1e-2, batchSize: 256, epochs: 20, l2: 1e-5, patience: 3 },
  folds: 5,
  seed: 42,
  cost: { falseNegative: 10, falsePositive: 1 },
  fBeta: 2,
  missingIndicatorMinRate: 0.01,
  maxInputs: 200,
  selectionMaxCorrelation: 0.9,
  selectionScore: 'auc',
  piecewiseBins: 8,
  piecewiseEdges: 'target',
  calibrateIntercept: true,
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

/** Rejects values training cannot use, naming the key. */
export function validateTrainingConfig(c: TrainingConfig): TrainingConfig {
  const fail = (key: string, rule: string, value: unknown) => {
    throw new TrainingError(
      'E_CONFIG',
      `training config ${key} must be ${rule}, got ${JSON.stringify(value)}`,
    );
  };
  const positiveInt = (key: string, v: unknown, min = 1) => {
    if (!Number.isInteger(v) || (v as number) < min) fail(key, `a whole number >= ${min}`, v);
  };
  const inRange = (key: string, v: unknown, lo: number, hi: number) => {
    if (typeof v !== 'number' || !(v >= lo && v < hi)) fail(key, `a number in [${lo}, ${hi})`, v);
  };
  positiveInt('folds', c.folds, 2);
  positiveInt('seed', c.seed, 0);
  positiveInt('maxInputs', c.maxInputs, 0);
  positiveInt('piecewiseBins', c.piecewiseBins, 0);
  if (!['equal', 'target'].includes(c.piecewiseEdges))
    fail('piecewiseEdges', '"equal" or "target"', c.piecewiseEdges);
  if (!['auc', 'steps'].includes(c.selectionScore))
    fail('selectionScore', '"auc" or "steps"', c.selectionScore);
  if (
    typeof c.selectionMaxCorrelation !== 'number' ||
    !(c.selectionMaxCorrelation > 0 && c.selectionMaxCorrelation <= 1)
  )
    fail(
      'selectionMaxCorrelation',
      'a number in (0, 1] (1 = no redundancy filter)',
      c.selectionMaxCorrelation,
    );
  if (typeof c.calibrateIntercept !== 'boolean')
    fail('calibrateIntercept', 'true or false', c.calibrateIntercept);
  if (!Array.isArray(c.mlp.hiddenLayers) || !c.mlp.hiddenLayers.every((u) => Number.isInteger(u) && u > 0))
    fail('mlp.hiddenLayers', 'a list of whole numbers > 0', c.mlp.hiddenLayers);
  for (const [group, g] of [
    ['mlp', c.mlp],
    ['baseline', c.baseline],
  ] as const) {
    positiveInt(`${group}.epochs`, g.epochs);
    positiveInt(`${group}.batchSize`, g.batchSize);
    positiveInt(`${group}.patience`, g.patience);
    inRange(`${group}.learningRate`, g.learningRate, 1e-9, 10);
    inRange(`${group}.l2`, g.l2, 0, 1);
  }
  inRange('mlp.dropout', c.mlp.dropout, 0, 1);
  inRange('mlp.inputDropout', c.mlp.inputDropout, 0, 1);
  positiveInt('mlp.ensemble', c.mlp.ensemble);
  if (typeof c.mlp.lrDecay !== 'number' || !(c.mlp.lrDecay > 0 && c.mlp.lrDecay <= 1))
    fail('mlp.lrDecay', 'a number in (0, 1]', c.mlp.lrDecay);
  if (!['balanced', 'sqrt', 'none'].includes(c.mlp.classWeight))
    fail('mlp.classWeight', '"balanced", "sqrt" or "none"', c.mlp.classWeight);
  inRange('cost.falseNegative', c.cost.falseNegative, 0, Number.MAX_VALUE);
  inRange('cost.falsePositive', c.cost.falsePositive, 0, Number.MAX_VALUE);
  return c;
}
