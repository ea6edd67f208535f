import type { ListedClient } from './clients/list.js';
import type { DecisionStore } from '@credit/data';

export type Decision = 'grant' | 'refuse';

export interface Reason {
  field: string;
  label: string;
  direction: 'raises' | 'lowers';
  contribution: number;
  text: string;
}

export interface ModelInfo {
  /** Held-out metrics as the training run recorded them. */
  metrics: unknown;
  costs: { falseNegative: number; falsePositive: number };
  /** Strongest first. */
  globalImportance: { field: string; label: string; importance: number; text: string }[];
  /** Business label and description per source field (Kaggle column dictionary). */
  fieldInfo?: Record<string, { label: string; description: string }>;
}

/** What serving needs from a loaded model bundle (adapted from @credit/training's ModelBundle). */
export interface ScoringModel {
  readonly version: string;
  readonly threshold: number;
  readonly featureNames: readonly string[];
  predict(row: Float64Array): number;
  decide(probability: number): Decision;
  reasons(row: Float64Array, top: number): Reason[];
  /** Many clients at once, as columns in featureNames order (faster than predict per row). */
  predictColumns?(columns: Float64Array[]): Float64Array;
  /** For GET /v1/model; absent on models that carry no training report. */
  info?: ModelInfo;
}

/** Known clients: their application and their feature vector in the model's order. */
export interface ClientBase {
  vectorOf(clientId: number): Float64Array | undefined;
  /** Online features for a new application (+ optional history). */
  vectorFromApplication(
    application: Record<string, unknown>,
    history?: Record<string, unknown[]>,
  ): Float64Array;
  /** Every known client with its summary, probability and decision under `model` (GET /v1/clients). */
  listAll?(model: ScoringModel): readonly ListedClient[];
  /** The client's application row (GET /v1/clients/:id), when the base has them. */
  applicationOf?(clientId: number): Record<string, unknown> | undefined;
}

export interface ServingConfig {
  maxBatch: number;
  bodyLimit: string;
  secureCookies: boolean;
  rateLimitPerMinute: number;
}

export interface AppDeps {
  store: DecisionStore;
  /** Current model; called per request so a hot reload swaps it atomically. */
  model: () => ScoringModel;
  clients: ClientBase;
  config?: Partial<ServingConfig>;
  now?: () => Date;
  /** Folder served at / before authentication (the dashboard's built files). */
  staticDir?: string;
}

export const defaultConfig: ServingConfig = {
  maxBatch: 100,
  bodyLimit: '100kb',
  secureCookies: false,
  rateLimitPerMinute: 6000,
};
