/** The one tracking interface: LocalTracker (files, default) and MlflowTracker (REST) implement it. */
export type RunStatus = 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface MetricInput {
  key: string;
  value: number;
  /** Epoch, fold... defaults to 0. */
  step?: number;
  /** ms since epoch; defaults to now. */
  timestamp?: number;
}
export interface MetricPoint {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

export interface RunRecord {
  runId: string;
  experimentName: string;
  runName: string;
  status: RunStatus;
  startTime: number;
  endTime?: number;
  params: Record<string, string>;
  /** Latest value of each metric. */
  metrics: Record<string, number>;
  tags: Record<string, string>;
}

export interface ModelVersionRecord {
  name: string;
  version: string;
  runId?: string;
  /** `runs:/<run>/model` (local), `models:/<model_id>` (MLflow: the logged model registered). */
  source: string;
  /** MLflow's logged model the version was registered from. */
  modelId?: string;
  aliases: string[];
  description?: string;
  tags: Record<string, string>;
}

export interface StartRunOptions {
  experiment: string;
  runName?: string;
  parentRunId?: string;
  tags?: Record<string, string>;
  startTime?: number;
}

export interface Tracker {
  readonly kind: 'local' | 'mlflow';
  /** Where it writes, for messages (a folder or a URL). */
  readonly location: string;
  startRun(opts: StartRunOptions): Promise<string>;
  endRun(runId: string, status?: RunStatus, endTime?: number): Promise<void>;
  logParams(runId: string, params: Record<string, string | number | boolean>): Promise<void>;
  logMetrics(runId: string, metrics: MetricInput[]): Promise<void>;
  setTags(runId: string, tags: Record<string, string>): Promise<void>;
  /** A file or a whole folder; artifactPath defaults to its base name (folders: their files at the root). */
  logArtifact(runId: string, localPath: string, artifactPath?: string): Promise<void>;
  /** Every artifact file (recursive) under `path`, relative to the run's artifact root, sorted. */
  listArtifacts(runId: string, path?: string): Promise<string[]>;
  /** Copies a file or folder of the run's artifacts into destDir; returns the files written. */
  downloadArtifacts(runId: string, path: string, destDir: string): Promise<string[]>;
  getRun(runId: string): Promise<RunRecord>;
  getMetricHistory(runId: string, key: string): Promise<MetricPoint[]>;
  /** Newest first. `tags` filters on exact tag values. */
  searchRuns(opts: {
    experiment: string;
    tags?: Record<string, string>;
    maxResults?: number;
  }): Promise<RunRecord[]>;
  listExperiments(): Promise<string[]>;
  /** Registers the run's `model/` artifact folder (or artifactPath) as a new version of `name`. */
  registerModelVersion(opts: {
    name: string;
    runId: string;
    artifactPath?: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<ModelVersionRecord>;
  getModelVersion(name: string, version: string): Promise<ModelVersionRecord>;
  setAlias(name: string, alias: string, version: string): Promise<void>;
  getAlias(name: string, alias: string): Promise<ModelVersionRecord | undefined>;
  deleteAlias(name: string, alias: string): Promise<void>;
  setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void>;
  /** Files of a model version into destDir (MLmodel at its root). */
  downloadModelVersion(name: string, version: string, destDir: string): Promise<string[]>;
}

export const PARENT_RUN_TAG = 'mlflow.parentRunId';
export const RUN_NAME_TAG = 'mlflow.runName';

/** Params are strings on the wire; numbers keep their shortest exact form. */
export function paramsToStrings(params: Record<string, string | number | boolean>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}

/** `models:/name@alias` or `models:/name/3`. */
export function parseModelUri(uri: string): { name: string; alias?: string; version?: string } | undefined {
  const m = /^models:\/([^@/]+)(?:@([^/]+)|\/(\d+))$/.exec(uri);
  if (!m) return undefined;
  return { name: m[1]!, alias: m[2], version: m[3] };
}
