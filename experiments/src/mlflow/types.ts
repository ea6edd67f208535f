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
}
export interface MlflowRegisteredModel {
  name: string;
  description?: string;
  aliases?: { alias: string; version: string }[];
  tags?: { key: string; value: string }[];
  latest_versions?: MlflowModelVersion[];
}
