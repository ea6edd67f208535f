export { TrackingError } from './errors.js';
export { silentLogger, type Logger } from './logger.js';
export * from './tracker.js';
export { LocalTracker, latestMetrics, type SyncState } from './local-tracker.js';
export { MlflowTracker } from './mlflow-tracker.js';
export { MlflowClient } from './mlflow/client.js';
export { MlflowHttp, isUnreachable, UNREACHABLE, type HttpOptions } from './mlflow/http.js';
export { LIMITS, splitBatch, validateBatch } from './mlflow/batch.js';
export type {
  LoggedModelStatus,
  MlflowExperiment,
  MlflowFileInfo,
  MlflowLoggedModel,
  MlflowMetric,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
  MlflowRunInfo,
} from './mlflow/types.js';
export { createTracker, type CreateTrackerOptions } from './create-tracker.js';
export { syncRuns, type SyncReport } from './sync.js';
export {
  promote,
  gateRefusal,
  GATE,
  type PromoteDecision,
  type PromoteOptions,
  type Contender,
} from './promote.js';
export { logTrainingRun, type TrainingRunInput, type TrainingRunResult } from './training-run.js';
export { resolveModelUri } from './resolve-model.js';
export { systemTags } from './system-tags.js';
