export { TrainingError } from './errors.js';
export { silentLogger, type Logger } from './logger.js';
export { trainFromFeatureTable, PROTECTED_FIELDS } from './train.js';
export type { TrainOptions, TrainingResult, TrainingArtifact, MetricPoint, EpochEvent } from './train.js';
export { saveBundle, loadBundle, type SaveBundleOptions } from './bundle.js';
export { createScoringModel, type ScoringModel, type Explanation, type Decision } from './scoring-model.js';
export type { Manifest, FoldSummary } from './manifest.js';
export { BUNDLE_FORMAT_VERSION } from './manifest.js';
export {
  defaultTrainingConfig,
  resolveTrainingConfig,
  validateTrainingConfig,
  type TrainingConfigInput,
} from './config.js';
export type { FeatureTable, FieldInfo, CostWeights, TrainingConfig, MlpConfig } from './types.js';
export * from './metrics.js';
export {
  fitPreprocessor,
  transformRow,
  transformColumns,
  percentileOf,
  selectInputs,
  withPiecewiseBins,
  type Preprocessor,
  type FeatureSpec,
} from './preprocess.js';
export { withTargetBins } from './target-bins.js';
export { selectBackend, type BackendName } from './backend.js';
export { fitNetwork, type FitOptions, type Matrix, type EpochReport } from './fit.js';
export { predictLogits } from './network.js';
export { integratedGradients, type Attribution } from './integrated-gradients.js';
export { describe as describeFieldValue, plainReasons, type FieldContribution } from './reasons.js';
export type { FieldPresentation, FieldUnit } from './explain/wording.js';
export type { FieldImportance } from './importance.js';
export type { GroupFairness } from './fairness.js';
export { ageBand } from './fairness.js';
export { featureTableHash } from './data-hash.js';
export * from './search/index.js';
export { specToSvg, svgToPng } from './explain/chart-render.js';
