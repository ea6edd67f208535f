import type { DecisionStore } from '@credit/data';
import type { ClusterLink } from './cluster/worker-link.js';
import type { ListedClient } from './clients/list.js';

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

/** One business field's share of a decision, in logit units (positive raises the risk). */
export interface FieldAttribution {
  field: string;
  label: string;
  /** The client's raw value when the field is one numeric feature; null when missing. */
  value: number | null;
  contribution: number;
  direction: 'raises' | 'lowers';
  text: string;
}

/** Full local explanation: contributions sum to output.logit - baseline.logit (within 1e-3). */
export interface ModelExplanation {
  baseline: { logit: number; probability: number };
  output: { logit: number; probability: number };
  /** Every business field, largest |contribution| first. */
  contributions: FieldAttribution[];
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
  /** Every business field's attribution (GET /v1/clients/:id/explanation); absent on models that cannot. */
  explain?(row: Float64Array): ModelExplanation;
  /**
   * The model's own scaled input for a raw value of `feature` (missing -> the training median's), used as
   * the space for "similar clients"; undefined for a feature the model does not use.
   */
  scale?(feature: string, raw: number): number | undefined;
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
  /**
   * Scores the whole base for `model` in the background (yielding between batches) and caches it, so
   * GET /v1/clients answers from memory; resolves when done. Readiness waits for it.
   */
  warm?(model: ScoringModel): Promise<void>;
  /** True once `listAll(model)` is cached. */
  isWarm?(model: ScoringModel): boolean;
  /** Numeric columns per client for compare/scatter/similar (GET /v1/clients/:id/compare|scatter). */
  population?: PopulationData;
  /**
   * The client's vector after changing some application fields, recomputed through the feature recipe
   * (derived ratios follow); features not depending on the changed fields keep their stored value.
   */
  vectorWithChanges?(clientId: number, changes: Record<string, number>): Float64Array | undefined;
  /** Application fields a what-if may change (numeric columns of the recipe's application table). */
  changeableFields?(): readonly string[];
}

/** Column view of the client base: one Float64Array per feature, rows in `ids` order (NaN = missing). */
export interface PopulationData {
  ids: ArrayLike<number>;
  names: readonly string[];
  column(name: string): Float64Array | undefined;
  rowOf(clientId: number): number | undefined;
}

/** Structural match for pipeline/src/logger.ts's CliLogger: message + id/figure fields, never client data. */
export interface ServingLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface ServingConfig {
  maxBatch: number;
  bodyLimit: string;
  secureCookies: boolean;
  rateLimitPerMinute: number;
  /**
   * Answers of known clients remembered per model (least recently used dropped first); 0 = compute
   * every time. A known client's answer cannot change until the model does.
   */
  knownClientAnswers: number;
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
  /** One line per request (request id, method, route pattern, status, latency, user); silent when absent. */
  logger?: ServingLogger;
  /**
   * In a worker of `credit serve --workers N`: metrics are summed over all workers, and the rate limit and
   * login throttle counted, through the primary.
   */
  cluster?: Pick<ClusterLink, 'provideMetrics' | 'clusterMetrics' | 'limiters'>;
}

export const defaultConfig: ServingConfig = {
  maxBatch: 100,
  bodyLimit: '100kb',
  secureCookies: false,
  rateLimitPerMinute: 6000,
  knownClientAnswers: 20_000,
};
