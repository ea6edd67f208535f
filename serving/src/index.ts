export { ServingError, type FieldError } from './errors.js';
export { createApp, type ServingApp } from './app.js';
export type {
  AppDeps,
  ClientBase,
  Reason,
  ScoringModel,
  ServingConfig,
  Decision,
  FieldAttribution,
  ModelExplanation,
  PopulationData,
  ServingLogger,
} from './deps.js';
export { hashPassword, verifyPassword, newToken, hashToken } from './auth/secrets.js';
export { createDecisionWriter, type DecisionWriter } from './decision-log/writer.js';
export { openApiDocument } from './openapi.js';
export { bundleScoringModel, type BundleModelOptions } from './adapters/bundle-model.js';
export {
  featureClientBase,
  type FeatureClientBase,
  type FeatureClientOptions,
} from './adapters/feature-clients.js';
export * from './reload/index.js';
export * from './cluster/index.js';
