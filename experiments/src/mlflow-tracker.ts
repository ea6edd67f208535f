import { TrackingError } from './errors.js';
import type { LocalTracker } from './local-tracker.js';
import type { Logger } from './logger.js';
import type { MlflowClient } from './mlflow/client.js';
import { isUnreachable } from './mlflow/http.js';
import type { MlflowRun } from './mlflow/types.js';
import { systemTags } from './system-tags.js';
import {
  PARENT_RUN_TAG,
  RUN_NAME_TAG,
  paramsToStrings,
  type MetricInput,
  type MetricPoint,
  type ModelVersionRecord,
  type RunRecord,
  type RunStatus,
  type StartRunOptions,
  type Tracker,
} from './tracker.js';
import type { MlflowModelVersion } from './mlflow/types.js';

/** Offline model versions are numbered by the journal's registry and marked so they never clash. */
const PENDING = 'pending-';

interface LiveRun {
  localId: string;
  remoteId?: string;
  offline: boolean;
}

export function toRunRecord(run: MlflowRun, experimentName: string): RunRecord {
  const kv = (xs?: { key: string; value: string }[]): Record<string, string> =>
    Object.fromEntries((xs ?? []).map((x) => [x.key, x.value]));
  return {
    runId: run.info.run_id,
    experimentName,
    runName: run.info.run_name ?? '',
    status: run.info.status === 'SCHEDULED' ? 'RUNNING' : run.info.status,
    startTime: Number(run.info.start_time ?? 0),
    endTime:
      run.info.end_time !== undefined && run.info.end_time !== null ? Number(run.info.end_time) : undefined,
    params: kv(run.data.params),
    metrics: Object.fromEntries((run.data.metrics ?? []).map((m) => [m.key, Number(m.value)])),
    tags: kv(run.data.tags),
  };
}

export function toVersionRecord(v: MlflowModelVersion): ModelVersionRecord {
  return {
    name: v.name,
    version: String(v.version),
    runId: v.run_id || undefined,
    source: v.source ?? '',
    modelId: v.model_id || /^models:\/(m-[^/@]+)$/.exec(v.source ?? '')?.[1],
    aliases: [...(v.aliases ?? [])].sort(),
    description: v.description || undefined,
    tags: Object.fromEntries((v.tags ?? []).map((t) => [t.key, t.value])),
  };
}

/**
 * Tracker over MLflow's REST API. Every run it starts is also written to a local journal (a LocalTracker):
 * when the server becomes unreachable the run continues there, marked pending, and `syncRuns` pushes it later.
 * Training therefore never fails because tracking is down.
 */
export class MlflowTracker implements Tracker {
  readonly kind = 'mlflow' as const;
  readonly location: string;
  private readonly live = new Map<string, LiveRun>();
  private readonly experimentNames = new Map<string, string>();

  constructor(
    readonly client: MlflowClient,
    private readonly journal: LocalTracker,
    private readonly logger: Logger,
  ) {
    this.location = client.baseUrl;
  }

  /** Runs an operation on the server unless the run is offline; falls back to the journal on connection loss. */
  private async mirror(runId: string, op: (remoteId: string) => Promise<unknown>): Promise<void> {
    const run = this.live.get(runId);
    if (!run) {
      await op(runId);
      return;
    }
    if (run.offline || !run.remoteId) return;
    try {
      await op(run.remoteId);
    } catch (e) {
      if (!isUnreachable(e)) throw e;
      await this.goOffline(run, e);
    }
  }

  private async goOffline(run: LiveRun, e: unknown): Promise<void> {
    run.offline = true;
    const state = await this.journal.readSyncState(run.localId);
    state.pendingUrl = this.location;
    await this.journal.writeSyncState(run.localId, state);
    this.logger.warn(
      'MLflow unreachable: the run continues in the local journal; push it later with `credit experiments sync`',
      {
        localRunId: run.localId,
        remoteRunId: run.remoteId,
        error: e instanceof Error ? e.message : String(e),
      },
    );
  }

  private localOf(runId: string): string | undefined {
    return this.live.get(runId)?.localId;
  }

  async startRun(opts: StartRunOptions): Promise<string> {
    const parentLocal = opts.parentRunId ? (this.localOf(opts.parentRunId) ?? opts.parentRunId) : undefined;
    const startTime = opts.startTime ?? Date.now();
    const localId = await this.journal.startRun({ ...opts, startTime, parentRunId: parentLocal });
    const run: LiveRun = { localId, offline: false };
    const local = await this.journal.getRun(localId);
    try {
      const experimentId = await this.client.ensureExperiment(opts.experiment);
      const tags: Record<string, string> = { ...systemTags(), ...opts.tags, [RUN_NAME_TAG]: local.runName };
      const parentRemote = opts.parentRunId
        ? (this.live.get(opts.parentRunId)?.remoteId ?? opts.parentRunId)
        : undefined;
      if (parentRemote) tags[PARENT_RUN_TAG] = parentRemote;
      const created = await this.client.createRun({ experimentId, runName: local.runName, startTime, tags });
      run.remoteId = created.info.run_id;
      this.experimentNames.set(experimentId, opts.experiment);
      const state = await this.journal.readSyncState(localId);
      state.servers[this.location] = { remoteRunId: run.remoteId, versions: {} };
      await this.journal.writeSyncState(localId, state);
    } catch (e) {
      if (!isUnreachable(e)) throw e;
      await this.goOffline(run, e);
    }
    const id = run.remoteId ?? localId;
    this.live.set(id, run);
    return id;
  }

  async endRun(runId: string, status: RunStatus = 'FINISHED', endTime = Date.now()): Promise<void> {
    const live = this.live.get(runId);
    if (live) await this.journal.endRun(live.localId, status, endTime);
    await this.mirror(runId, (id) => this.client.updateRun(id, status, endTime));
    if (live && !live.offline) {
      const state = await this.journal.readSyncState(live.localId);
      const server = state.servers[this.location];
      if (server) server.synced = true;
      await this.journal.writeSyncState(live.localId, state);
    }
  }

  async logParams(runId: string, params: Record<string, string | number | boolean>): Promise<void> {
    const live = this.live.get(runId);
    if (live) await this.journal.logParams(live.localId, params);
    const strings = paramsToStrings(params);
    await this.mirror(runId, (id) =>
      this.client.logBatch(id, { params: Object.entries(strings).map(([key, value]) => ({ key, value })) }),
    );
  }

  async logMetrics(runId: string, metrics: MetricInput[]): Promise<void> {
    const now = Date.now();
    const points = metrics.map((m) => ({
      key: m.key,
      value: m.value,
      step: m.step ?? 0,
      timestamp: m.timestamp ?? now,
    }));
    const live = this.live.get(runId);
    if (live) await this.journal.logMetrics(live.localId, points);
    await this.mirror(runId, (id) => this.client.logBatch(id, { metrics: points }));
  }

  async setTags(runId: string, tags: Record<string, string>): Promise<void> {
    const live = this.live.get(runId);
    if (live) await this.journal.setTags(live.localId, tags);
    await this.mirror(runId, (id) =>
      this.client.logBatch(id, { tags: Object.entries(tags).map(([key, value]) => ({ key, value })) }),
    );
  }

  async logArtifact(runId: string, localPath: string, artifactPath?: string): Promise<void> {
    const live = this.live.get(runId);
    if (live) await this.journal.logArtifact(live.localId, localPath, artifactPath);
    await this.mirror(runId, (id) => this.client.logArtifacts(id, localPath, artifactPath));
  }

  private offlineLocal(runId: string): string | undefined {
    const live = this.live.get(runId);
    return live?.offline && !live.remoteId ? live.localId : undefined;
  }

  async listArtifacts(runId: string, path = ''): Promise<string[]> {
    const local = this.offlineLocal(runId);
    if (local) return this.journal.listArtifacts(local, path);
    return (await this.client.listArtifactFiles(runId, path)).map((f) => f.path);
  }

  async downloadArtifacts(runId: string, path: string, destDir: string): Promise<string[]> {
    const local = this.offlineLocal(runId);
    if (local) return this.journal.downloadArtifacts(local, path, destDir);
    const files = await this.client.downloadArtifacts(runId, path, destDir);
    if (files.length === 0)
      throw new TrackingError('E_ARTIFACT_MISSING', `run ${runId} has no artifact "${path}"`);
    return files;
  }

  private async experimentName(id: string): Promise<string> {
    let name = this.experimentNames.get(id);
    if (!name) {
      name = (await this.client.searchExperiments()).find((e) => e.experiment_id === id)?.name ?? id;
      this.experimentNames.set(id, name);
    }
    return name;
  }

  async getRun(runId: string): Promise<RunRecord> {
    const local = this.offlineLocal(runId);
    if (local) return { ...(await this.journal.getRun(local)), runId };
    const run = await this.client.getRun(runId);
    return toRunRecord(run, await this.experimentName(run.info.experiment_id));
  }

  async getMetricHistory(runId: string, key: string): Promise<MetricPoint[]> {
    const local = this.offlineLocal(runId);
    if (local) return this.journal.getMetricHistory(local, key);
    return (await this.client.getMetricHistory(runId, key)).map((m) => ({
      key: m.key,
      value: Number(m.value),
      step: Number(m.step ?? 0),
      timestamp: Number(m.timestamp),
    }));
  }

  async searchRuns(opts: {
    experiment: string;
    tags?: Record<string, string>;
    maxResults?: number;
  }): Promise<RunRecord[]> {
    const exp = await this.client.getExperimentByName(opts.experiment);
    if (!exp) return [];
    this.experimentNames.set(exp.experiment_id, exp.name);
    const filter = Object.entries(opts.tags ?? {})
      .map(([k, v]) => `tags.\`${k}\` = '${v.replace(/'/g, "\\'")}'`)
      .join(' and ');
    const runs = await this.client.searchRuns({
      experimentIds: [exp.experiment_id],
      filter: filter || undefined,
      maxResults: opts.maxResults,
    });
    return runs.map((r) => toRunRecord(r, exp.name));
  }

  async listExperiments(): Promise<string[]> {
    return (await this.client.searchExperiments()).map((e) => e.name).sort();
  }

  async registerModelVersion(opts: {
    name: string;
    runId: string;
    artifactPath?: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<ModelVersionRecord> {
    const artifactPath = opts.artifactPath ?? 'model';
    const live = this.live.get(opts.runId);
    if (live?.offline) {
      const v = await this.journal.registerModelVersion({ ...opts, runId: live.localId, artifactPath });
      return { ...v, version: `${PENDING}${v.version}`, runId: opts.runId };
    }
    // As MLflow 3's log_model + register_model: a logged model holding a copy of the run's folder, and a
    // version of it (source models:/<model_id>); the run keeps its own `model/` artifacts.
    const v = await this.client.registerRunModel({
      name: opts.name,
      runId: opts.runId,
      artifactPath,
      description: opts.description,
      tags: opts.tags,
    });
    if (live) {
      const state = await this.journal.readSyncState(live.localId);
      const server = state.servers[this.location];
      if (server) server.versions[`remote-${v.version}`] = String(v.version);
      await this.journal.writeSyncState(live.localId, state);
    }
    return toVersionRecord(v);
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersionRecord> {
    if (version.startsWith(PENDING)) return this.journal.getModelVersion(name, version.slice(PENDING.length));
    return toVersionRecord(await this.client.getModelVersion(name, version));
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    if (version.startsWith(PENDING)) {
      const localVersion = version.slice(PENDING.length);
      const v = await this.journal.getModelVersion(name, localVersion);
      await this.journal.setAlias(name, alias, localVersion);
      const state = await this.journal.readSyncState(v.runId!);
      state.pendingAliases = { ...state.pendingAliases, [alias]: localVersion };
      await this.journal.writeSyncState(v.runId!, state);
      return;
    }
    await this.client.setAlias(name, alias, version);
  }

  async getAlias(name: string, alias: string): Promise<ModelVersionRecord | undefined> {
    const v = await this.client.getByAlias(name, alias);
    return v ? toVersionRecord(v) : undefined;
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.client.deleteAlias(name, alias);
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    if (version.startsWith(PENDING))
      return this.journal.setModelVersionTag(name, version.slice(PENDING.length), key, value);
    await this.client.setModelVersionTag(name, version, key, value);
  }

  async downloadModelVersion(name: string, version: string, destDir: string): Promise<string[]> {
    if (version.startsWith(PENDING))
      return this.journal.downloadModelVersion(name, version.slice(PENDING.length), destDir);
    return this.client.downloadModelVersion(name, version, destDir);
  }
}
