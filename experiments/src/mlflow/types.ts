/** MLflow 3 REST entities, as the server sends them (snake_case). */
export interface MlflowExperiment {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: string;
  tags?: { key: string; value: string }[];
}
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export interface MlflowRunInfo {
  run_id: string;
  experiment_id: string;
  run_name?: string;
  status: RunStatus;
  start_time?: number;
  end_time?: number;
  artifact_uri?: string;
  lifecycle_stage?: string;
}
export interface MlflowMetric {
  key: string;
  value: number;
  timestamp: number;
  step?: number;
}
export interface MlflowRun {
  info: MlflowRunInfo;
  data: {
    metrics?: MlflowMetric[];
    params?: { key: string; value: string }[];
    tags?: { key: string; value: string }[];
  };
}
export interface MlflowFileInfo {
  path: string;
  is_dir?: boolean;
  file_size?: number | string;
}
export interface MlflowModelVersion {
  name: string;
  version: string;
  source?: string;
  run_id?: string;
  status?: string;
  description?: string;
  aliases?: string[];
  tags?: { key: string; value: string }[];
  creation_timestamp?: number;
  /** The logged model it was registered from (not sent by 3.17.2: its `source` is `models:/<model_id>`). */
  model_id?: string;
}
export interface MlflowRegisteredModel {
  name: string;
  description?: string;
  aliases?: { alias: string; version: string }[];
  tags?: { key: string; value: string }[];
  latest_versions?: MlflowModelVersion[];
}

/** MLflow 3 LoggedModel (`/api/2.0/mlflow/logged-models`): a model with its own artifact location. */
export type LoggedModelStatus =
  | 'LOGGED_MODEL_STATUS_UNSPECIFIED'
  | 'LOGGED_MODEL_PENDING'
  | 'LOGGED_MODEL_READY'
  | 'LOGGED_MODEL_UPLOAD_FAILED';
export interface MlflowLoggedModel {
  info: {
    model_id: string;
    experiment_id: string;
    name: string;
    /** `mlflow-artifacts:/<experiment>/models/<model_id>/artifacts` on a server with proxied artifacts. */
    artifact_uri: string;
    status: LoggedModelStatus;
    source_run_id?: string;
    model_type?: string;
    creation_timestamp_ms?: number;
    last_updated_timestamp_ms?: number;
    /** `mlflow.modelVersions` lists the registered versions made from it (JSON). */
    tags?: { key: string; value: string }[];
  };
  data?: { params?: { key: string; value: string }[] };
}
