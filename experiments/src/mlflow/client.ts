import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { TrackingError } from '../errors.js';
import type { Logger } from '../logger.js';
import { splitBatch, type Batch, type KeyValue } from './batch.js';
import { MlflowHttp, type HttpOptions } from './http.js';
import type {
  LoggedModelStatus,
  MlflowExperiment,
  MlflowFileInfo,
  MlflowLoggedModel,
  MlflowMetric,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
  RunStatus,
} from './types.js';

const API = '/api/2.0/mlflow';
const ARTIFACTS = '/api/2.0/mlflow-artifacts/artifacts';
const toKv = (r: Record<string, string>): KeyValue[] =>
  Object.entries(r).map(([key, value]) => ({ key, value }));

/** A typed client for MLflow 3's REST API (tracking server with proxied artifacts). Prints nothing. */
export class MlflowClient {
  readonly http: MlflowHttp;
  private readonly logger: Logger;

  constructor(opts: HttpOptions) {
    this.http = new MlflowHttp(opts);
    this.logger = opts.logger;
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  // ---- experiments
  async getExperimentByName(name: string): Promise<MlflowExperiment | undefined> {
    try {
      const r = await this.http.request<{ experiment: MlflowExperiment }>({
        method: 'GET',
        path: `${API}/experiments/get-by-name`,
        query: { experiment_name: name },
      });
      return r.experiment;
    } catch (e) {
      if (e instanceof TrackingError && e.code === 'E_MLFLOW_RESOURCE_DOES_NOT_EXIST') return undefined;
      throw e;
    }
  }

  async createExperiment(name: string, tags: Record<string, string> = {}): Promise<string> {
    const r = await this.http.request<{ experiment_id: string }>({
      method: 'POST',
      path: `${API}/experiments/create`,
      json: { name, tags: toKv(tags) },
    });
    return r.experiment_id;
  }

  /** Get-or-create; tolerant of a concurrent creation. */
  async ensureExperiment(name: string): Promise<string> {
    const found = await this.getExperimentByName(name);
    if (found) return found.experiment_id;
    try {
      return await this.createExperiment(name);
    } catch (e) {
      const again = await this.getExperimentByName(name);
      if (again) return again.experiment_id;
      throw e;
    }
  }

  async searchExperiments(filter?: string, maxResults = 1000): Promise<MlflowExperiment[]> {
    const r = await this.http.request<{ experiments?: MlflowExperiment[] }>({
      method: 'POST',
      path: `${API}/experiments/search`,
      json: { filter, max_results: maxResults },
    });
    return r.experiments ?? [];
  }

  // ---- runs
  async createRun(opts: {
    experimentId: string;
    runName?: string;
    startTime?: number;
    tags?: Record<string, string>;
  }): Promise<MlflowRun> {
    const r = await this.http.request<{ run: MlflowRun }>({
      method: 'POST',
      path: `${API}/runs/create`,
      json: {
        experiment_id: opts.experimentId,
        run_name: opts.runName,
        start_time: opts.startTime ?? Date.now(),
        tags: toKv(opts.tags ?? {}),
      },
    });
    return r.run;
  }

  async getRun(runId: string): Promise<MlflowRun> {
    const r = await this.http.request<{ run: MlflowRun }>({
      method: 'GET',
      path: `${API}/runs/get`,
      query: { run_id: runId },
    });
    return r.run;
  }

  async updateRun(runId: string, status: RunStatus, endTime?: number): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `${API}/runs/update`,
      json: { run_id: runId, status, end_time: endTime },
    });
  }

  async searchRuns(opts: {
    experimentIds: string[];
    filter?: string;
    maxResults?: number;
    orderBy?: string[];
  }): Promise<MlflowRun[]> {
    const runs: MlflowRun[] = [];
    let pageToken: string | undefined;
    const max = opts.maxResults ?? 1000;
    do {
      const r = await this.http.request<{ runs?: MlflowRun[]; next_page_token?: string }>({
        method: 'POST',
        path: `${API}/runs/search`,
        json: {
          experiment_ids: opts.experimentIds,
          filter: opts.filter,
          max_results: Math.min(1000, max - runs.length),
          order_by: opts.orderBy ?? ['attributes.start_time DESC'],
          page_token: pageToken,
        },
      });
      runs.push(...(r.runs ?? []));
      pageToken = r.next_page_token;
    } while (pageToken && runs.length < max);
    return runs;
  }

  /** Logs params, tags and metrics in as many calls as the server's limits require. */
  async logBatch(runId: string, batch: Partial<Batch>): Promise<number> {
    const parts = splitBatch({
      metrics: batch.metrics ?? [],
      params: batch.params ?? [],
      tags: batch.tags ?? [],
    });
    for (const part of parts)
      await this.http.request({
        method: 'POST',
        path: `${API}/runs/log-batch`,
        json: { run_id: runId, ...part },
      });
    this.logger.debug('mlflow log-batch', { runId, calls: parts.length });
    return parts.length;
  }

  async setTag(runId: string, key: string, value: string): Promise<void> {
    await this.logBatch(runId, { tags: [{ key, value }] });
  }

  async getMetricHistory(runId: string, key: string): Promise<MlflowMetric[]> {
    const out: MlflowMetric[] = [];
    let pageToken: string | undefined;
    do {
      const r = await this.http.request<{ metrics?: MlflowMetric[]; next_page_token?: string }>({
        method: 'GET',
        path: `${API}/metrics/get-history`,
        query: { run_id: runId, metric_key: key, max_results: 25000, page_token: pageToken },
      });
      out.push(...(r.metrics ?? []));
      pageToken = r.next_page_token;
    } while (pageToken);
    return out;
  }

  // ---- artifacts (through the server's mlflow-artifacts proxy)
  /** `mlflow-artifacts:/1/<run>/artifacts` -> `1/<run>/artifacts` (the proxy's path). */
  static proxyPath(artifactUri: string): string {
    const m = /^mlflow-artifacts:(?:\/\/[^/]*)?\/?(.*)$/.exec(artifactUri);
    if (!m)
      throw new TrackingError(
        'E_ARTIFACT_URI',
        `artifact location ${artifactUri} is not served by the tracking server; start it with proxied artifacts (the default, no --no-serve-artifacts)`,
      );
    return (m[1] ?? '').replace(/\/+$/, '');
  }

  private async runArtifactRoot(runId: string): Promise<string> {
    const run = await this.getRun(runId);
    return MlflowClient.proxyPath(run.info.artifact_uri ?? '');
  }

  async uploadFile(root: string, localFile: string, artifactPath: string): Promise<void> {
    const body = await readFile(localFile);
    await this.http.request({
      method: 'PUT',
      path: `${ARTIFACTS}/${encodePath(`${root}/${artifactPath}`)}`,
      body,
    });
  }

  /** Uploads a file or a whole folder under `artifactPath` (default: the file or folder's name). */
  async logArtifacts(runId: string, localPath: string, artifactPath?: string): Promise<string[]> {
    const root = await this.runArtifactRoot(runId);
    const info = await stat(localPath);
    const uploaded: string[] = [];
    if (info.isDirectory()) {
      for (const file of await listFiles(localPath)) {
        const rel = relative(localPath, file).split(sep).join('/');
        const dest = artifactPath ? `${artifactPath}/${rel}` : rel;
        await this.uploadFile(root, file, dest);
        uploaded.push(dest);
      }
    } else {
      const dest = artifactPath ?? localPath.split(sep).pop()!;
      await this.uploadFile(root, localPath, dest);
      uploaded.push(dest);
    }
    return uploaded;
  }

  async listArtifactsAt(proxyRoot: string, path = ''): Promise<MlflowFileInfo[]> {
    const full = path ? `${proxyRoot}/${path}` : proxyRoot;
    const r = await this.http.request<{ files?: MlflowFileInfo[] }>({
      method: 'GET',
      path: ARTIFACTS,
      query: { path: full },
    });
    return (r.files ?? []).map((f) => ({ ...f, path: path ? `${path}/${f.path}` : f.path }));
  }

  /** Every file under `path` (recursive), paths relative to the run's artifact root. */
  async listArtifactFiles(runId: string, path = ''): Promise<{ path: string; size: number }[]> {
    return this.listFilesAt(await this.runArtifactRoot(runId), path);
  }

  async listFilesAt(proxyRoot: string, path = ''): Promise<{ path: string; size: number }[]> {
    const out: { path: string; size: number }[] = [];
    for (const f of await this.listArtifactsAt(proxyRoot, path)) {
      if (f.is_dir) out.push(...(await this.listFilesAt(proxyRoot, f.path)));
      else out.push({ path: f.path, size: Number(f.file_size ?? 0) });
    }
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }

  /** Downloads a file or folder at `path` (relative to proxyRoot) into destDir. Returns the files written. */
  async downloadAt(proxyRoot: string, path: string, destDir: string): Promise<string[]> {
    let files = await this.listFilesAt(proxyRoot, path);
    let base = path;
    if (files.length === 0) {
      // `path` is a single file (listing a file returns nothing)
      files = [{ path, size: 0 }];
      base = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    }
    const written: string[] = [];
    for (const f of files) {
      const bytes = await this.http.request<Uint8Array>({
        method: 'GET',
        path: `${ARTIFACTS}/${encodePath(`${proxyRoot}/${f.path}`)}`,
        raw: true,
      });
      const rel = base ? f.path.slice(base.length + 1) : f.path;
      const dest = join(destDir, ...rel.split('/'));
      await mkdir(dirname(dest), { recursive: true });
      const tmp = `${dest}.tmp-${process.pid}`;
      await writeFile(tmp, bytes);
      await rename(tmp, dest);
      written.push(dest);
    }
    return written;
  }

  /**
   * Downloads a model version's files from where the server stores them: a logged model's artifact location
   * (versions registered from `models:/<model_id>`), or `runs:/<id>/<path>` (versions registered before).
   */
  async downloadModelVersion(name: string, version: string, destDir: string): Promise<string[]> {
    const uri = await this.getModelVersionDownloadUri(name, version);
    const runs = /^runs:\/([^/]+)\/(.+)$/.exec(uri);
    if (runs) return this.downloadArtifacts(runs[1]!, runs[2]!, destDir);
    return this.downloadAt(MlflowClient.proxyPath(uri), '', destDir);
  }

  async downloadArtifacts(runId: string, path: string, destDir: string): Promise<string[]> {
    return this.downloadAt(await this.runArtifactRoot(runId), path, destDir);
  }

  /** Copies every file under `path` of one proxied root to `destPath` of another (through this client). */
  async copyArtifacts(fromRoot: string, path: string, toRoot: string, destPath = ''): Promise<string[]> {
    const copied: string[] = [];
    for (const f of await this.listFilesAt(fromRoot, path)) {
      const bytes = await this.http.request<Uint8Array>({
        method: 'GET',
        path: `${ARTIFACTS}/${encodePath(`${fromRoot}/${f.path}`)}`,
        raw: true,
      });
      const rel = path ? f.path.slice(path.length + 1) : f.path;
      const dest = destPath ? `${destPath}/${rel}` : rel;
      await this.http.request({
        method: 'PUT',
        path: `${ARTIFACTS}/${encodePath(`${toRoot}/${dest}`)}`,
        body: bytes,
      });
      copied.push(dest);
    }
    return copied;
  }

  // ---- logged models (MLflow 3: what `mlflow.<flavor>.log_model` creates; the UI reads models from them)
  async createLoggedModel(opts: {
    experimentId: string;
    name: string;
    sourceRunId?: string;
    modelType?: string;
    params?: Record<string, string>;
    tags?: Record<string, string>;
  }): Promise<MlflowLoggedModel> {
    const r = await this.http.request<{ model: MlflowLoggedModel }>({
      method: 'POST',
      path: `${API}/logged-models`,
      json: {
        experiment_id: opts.experimentId,
        name: opts.name,
        source_run_id: opts.sourceRunId,
        model_type: opts.modelType,
        params: toKv(opts.params ?? {}),
        tags: toKv(opts.tags ?? {}),
      },
    });
    return r.model;
  }

  async getLoggedModel(modelId: string): Promise<MlflowLoggedModel> {
    const r = await this.http.request<{ model: MlflowLoggedModel }>({
      method: 'GET',
      path: `${API}/logged-models/${encodeURIComponent(modelId)}`,
    });
    return r.model;
  }

  async finalizeLoggedModel(
    modelId: string,
    status: Extract<LoggedModelStatus, 'LOGGED_MODEL_READY' | 'LOGGED_MODEL_UPLOAD_FAILED'>,
  ): Promise<MlflowLoggedModel> {
    const r = await this.http.request<{ model: MlflowLoggedModel }>({
      method: 'PATCH',
      path: `${API}/logged-models/${encodeURIComponent(modelId)}`,
      json: { model_id: modelId, status },
    });
    return r.model;
  }

  /** `filter` in MLflow's logged-model search syntax, e.g. `source_run_id = '...' AND name = 'model'`. */
  async searchLoggedModels(experimentIds: string[], filter?: string): Promise<MlflowLoggedModel[]> {
    const out: MlflowLoggedModel[] = [];
    let pageToken: string | undefined;
    do {
      const r = await this.http.request<{ models?: MlflowLoggedModel[]; next_page_token?: string }>({
        method: 'POST',
        path: `${API}/logged-models/search`,
        json: { experiment_ids: experimentIds, filter, max_results: 100, page_token: pageToken },
      });
      out.push(...(r.models ?? []));
      pageToken = r.next_page_token;
    } while (pageToken);
    return out;
  }

  /** Records the logged model as an output of the run (the run page lists it under "Logged models"). */
  async logRunOutputs(runId: string, models: { modelId: string; step?: number }[]): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `${API}/runs/outputs`,
      json: { run_id: runId, models: models.map((m) => ({ model_id: m.modelId, step: m.step ?? 0 })) },
    });
  }

  /**
   * The logged model holding the run's `artifactPath` folder, as `log_model` makes it: created PENDING with
   * the run's params and system tags, linked to the run as an output, the files copied into its own artifact
   * location, then READY (UPLOAD_FAILED if the copy fails). A READY one of the same run and name is reused.
   */
  async logRunModel(runId: string, artifactPath: string): Promise<MlflowLoggedModel> {
    const run = await this.getRun(runId);
    const experimentId = run.info.experiment_id;
    const quote = (v: string): string => `'${v.replace(/'/g, "\\'")}'`;
    const existing = await this.searchLoggedModels(
      [experimentId],
      `source_run_id = ${quote(runId)} AND name = ${quote(artifactPath)}`,
    );
    const ready = existing.find((m) => m.info.status === 'LOGGED_MODEL_READY');
    if (ready) return ready;
    const runRoot = MlflowClient.proxyPath(run.info.artifact_uri ?? '');
    if ((await this.listFilesAt(runRoot, artifactPath)).length === 0)
      throw new TrackingError(
        'E_MODEL_ARTIFACT_MISSING',
        `run ${runId} has no "${artifactPath}/" artifact folder to register: log the model bundle first`,
      );
    const tags = Object.fromEntries(
      (run.data.tags ?? [])
        .filter((t) => t.key === 'mlflow.user' || t.key.startsWith('mlflow.source.'))
        .map((t) => [t.key, t.value]),
    );
    const params = Object.fromEntries((run.data.params ?? []).map((p) => [p.key, p.value]));
    const model = await this.createLoggedModel({
      experimentId,
      name: artifactPath,
      sourceRunId: runId,
      params,
      tags,
    });
    const modelId = model.info.model_id;
    try {
      await this.logRunOutputs(runId, [{ modelId }]);
      await this.copyArtifacts(runRoot, artifactPath, MlflowClient.proxyPath(model.info.artifact_uri));
      return await this.finalizeLoggedModel(modelId, 'LOGGED_MODEL_READY');
    } catch (e) {
      await this.finalizeLoggedModel(modelId, 'LOGGED_MODEL_UPLOAD_FAILED').catch(() => undefined);
      throw e;
    }
  }

  /**
   * `register_model` of MLflow 3 on the run's model folder: a version whose source is `models:/<model_id>`
   * of the logged model (logRunModel). The server then stores it at the logged model's artifact location,
   * which is where the UI's model version page reads the MLmodel (signature) from.
   */
  async registerRunModel(opts: {
    name: string;
    runId: string;
    artifactPath: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<MlflowModelVersion> {
    const model = await this.logRunModel(opts.runId, opts.artifactPath);
    return this.createModelVersion({
      name: opts.name,
      source: `models:/${model.info.model_id}`,
      modelId: model.info.model_id,
      runId: opts.runId,
      description: opts.description,
      tags: opts.tags,
    });
  }

  // ---- model registry
  async getRegisteredModel(name: string): Promise<MlflowRegisteredModel | undefined> {
    try {
      const r = await this.http.request<{ registered_model: MlflowRegisteredModel }>({
        method: 'GET',
        path: `${API}/registered-models/get`,
        query: { name },
      });
      return r.registered_model;
    } catch (e) {
      if (e instanceof TrackingError && e.code === 'E_MLFLOW_RESOURCE_DOES_NOT_EXIST') return undefined;
      throw e;
    }
  }

  async ensureRegisteredModel(name: string, description?: string): Promise<MlflowRegisteredModel> {
    const found = await this.getRegisteredModel(name);
    if (found) return found;
    try {
      const r = await this.http.request<{ registered_model: MlflowRegisteredModel }>({
        method: 'POST',
        path: `${API}/registered-models/create`,
        json: { name, description },
      });
      return r.registered_model;
    } catch (e) {
      const again = await this.getRegisteredModel(name);
      if (again) return again;
      throw e;
    }
  }

  async createModelVersion(opts: {
    name: string;
    source: string;
    runId?: string;
    /** The logged model the source belongs to (source `models:/<model_id>` or inside its location). */
    modelId?: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<MlflowModelVersion> {
    await this.ensureRegisteredModel(opts.name);
    const r = await this.http.request<{ model_version: MlflowModelVersion }>({
      method: 'POST',
      path: `${API}/model-versions/create`,
      json: {
        name: opts.name,
        source: opts.source,
        run_id: opts.runId,
        model_id: opts.modelId,
        description: opts.description,
        tags: toKv(opts.tags ?? {}),
      },
    });
    return r.model_version;
  }

  async getModelVersion(name: string, version: string): Promise<MlflowModelVersion> {
    const r = await this.http.request<{ model_version: MlflowModelVersion }>({
      method: 'GET',
      path: `${API}/model-versions/get`,
      query: { name, version },
    });
    return r.model_version;
  }

  async searchModelVersions(name: string): Promise<MlflowModelVersion[]> {
    const r = await this.http.request<{ model_versions?: MlflowModelVersion[] }>({
      method: 'GET',
      path: `${API}/model-versions/search`,
      query: { filter: `name='${name.replace(/'/g, "\\'")}'`, max_results: 1000 },
    });
    return r.model_versions ?? [];
  }

  async getModelVersionDownloadUri(name: string, version: string): Promise<string> {
    const r = await this.http.request<{ artifact_uri: string }>({
      method: 'GET',
      path: `${API}/model-versions/get-download-uri`,
      query: { name, version },
    });
    return r.artifact_uri;
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `${API}/registered-models/alias`,
      json: { name, alias, version },
    });
  }

  async getByAlias(name: string, alias: string): Promise<MlflowModelVersion | undefined> {
    try {
      const r = await this.http.request<{ model_version: MlflowModelVersion }>({
        method: 'GET',
        path: `${API}/registered-models/alias`,
        query: { name, alias },
      });
      return r.model_version;
    } catch (e) {
      if (
        e instanceof TrackingError &&
        (e.code === 'E_MLFLOW_RESOURCE_DOES_NOT_EXIST' || e.code === 'E_MLFLOW_INVALID_PARAMETER_VALUE')
      )
        return undefined;
      throw e;
    }
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.http.request({
      method: 'DELETE',
      path: `${API}/registered-models/alias`,
      json: { name, alias },
    });
  }

  async updateRegisteredModelDescription(name: string, description: string): Promise<void> {
    await this.http.request({
      method: 'PATCH',
      path: `${API}/registered-models/update`,
      json: { name, description },
    });
  }

  async updateModelVersionDescription(name: string, version: string, description: string): Promise<void> {
    await this.http.request({
      method: 'PATCH',
      path: `${API}/model-versions/update`,
      json: { name, version, description },
    });
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `${API}/registered-models/set-tag`,
      json: { name, key, value },
    });
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `${API}/model-versions/set-tag`,
      json: { name, version, key, value },
    });
  }
}

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

/** Every regular file under dir, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}
