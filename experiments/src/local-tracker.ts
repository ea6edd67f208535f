import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { TrackingError } from './errors.js';
import { copyAtomic, newRunId, readJson, writeJson } from './fs-util.js';
import type { Logger } from './logger.js';
import { systemTags } from './system-tags.js';
import { validateBatch } from './mlflow/batch.js';
import { listFiles } from './mlflow/client.js';
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

/** On disk: runs/<id>/run.json (+ artifacts/), registry/<model>.json. */
interface StoredRun extends Omit<RunRecord, 'metrics'> {
  history: MetricPoint[];
}
interface StoredModel {
  name: string;
  description?: string;
  aliases: Record<string, string>;
  versions: Omit<ModelVersionRecord, 'aliases' | 'name'>[];
}

/**
 * Bookkeeping of a local run mirrored to MLflow. `pendingUrl`: the server was unreachable while the run was
 * logged; `servers[url]`: its id there, the model versions pushed (local -> remote) and the aliases to set.
 */
export interface SyncState {
  pendingUrl?: string;
  pendingAliases?: Record<string, string>;
  servers: Record<string, { remoteRunId: string; versions: Record<string, string>; synced?: boolean }>;
}

/** Latest value per key, as MLflow picks it: highest step, then newest timestamp. */
export function latestMetrics(history: MetricPoint[]): Record<string, number> {
  const best = new Map<string, MetricPoint>();
  for (const p of history) {
    const b = best.get(p.key);
    if (!b || p.step > b.step || (p.step === b.step && p.timestamp >= b.timestamp)) best.set(p.key, p);
  }
  return Object.fromEntries([...best].map(([k, p]) => [k, p.value]));
}

/** The embedded default: a tracking store of plain JSON files and copied artifacts (artifacts/tracking/). */
export class LocalTracker implements Tracker {
  readonly kind = 'local' as const;
  readonly location: string;
  private readonly logger: Logger;

  constructor(opts: { root: string; logger: Logger }) {
    this.location = opts.root;
    this.logger = opts.logger;
  }

  runDir(runId: string): string {
    if (!/^[0-9a-f]{32}$/.test(runId))
      throw new TrackingError(
        'E_RUN_ID',
        `"${runId}" is not a run id (32 hex characters): see \`credit experiments list\``,
      );
    return join(this.location, 'runs', runId);
  }
  artifactDir(runId: string): string {
    return join(this.runDir(runId), 'artifacts');
  }
  private modelFile(name: string): string {
    return join(this.location, 'registry', `${encodeURIComponent(name)}.json`);
  }

  async readRun(runId: string): Promise<StoredRun> {
    const file = join(this.runDir(runId), 'run.json');
    if (!existsSync(file))
      throw new TrackingError(
        'E_RUN_NOT_FOUND',
        `run ${runId} not found in ${this.location}: see \`credit experiments list\``,
      );
    return readJson<StoredRun>(file);
  }
  private async writeRun(run: StoredRun): Promise<void> {
    await writeJson(join(this.runDir(run.runId), 'run.json'), run);
  }
  private async update(runId: string, change: (run: StoredRun) => void): Promise<void> {
    const run = await this.readRun(runId);
    change(run);
    await this.writeRun(run);
  }

  async startRun(opts: StartRunOptions): Promise<string> {
    const runId = newRunId();
    const runName = opts.runName ?? `run-${runId.slice(0, 8)}`;
    const tags: Record<string, string> = { ...systemTags(), ...opts.tags, [RUN_NAME_TAG]: runName };
    if (opts.parentRunId) tags[PARENT_RUN_TAG] = opts.parentRunId;
    validateBatch({
      params: [],
      metrics: [],
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    });
    await this.writeRun({
      runId,
      experimentName: opts.experiment,
      runName,
      status: 'RUNNING',
      startTime: opts.startTime ?? Date.now(),
      params: {},
      tags,
      history: [],
    });
    this.logger.debug('local run started', { runId, experiment: opts.experiment });
    return runId;
  }

  async endRun(runId: string, status: RunStatus = 'FINISHED', endTime = Date.now()): Promise<void> {
    await this.update(runId, (r) => {
      r.status = status;
      r.endTime = endTime;
    });
  }

  async logParams(runId: string, params: Record<string, string | number | boolean>): Promise<void> {
    const strings = paramsToStrings(params);
    validateBatch({
      params: Object.entries(strings).map(([key, value]) => ({ key, value })),
      metrics: [],
      tags: [],
    });
    await this.update(runId, (r) => {
      for (const [k, v] of Object.entries(strings)) {
        if (k in r.params && r.params[k] !== v)
          throw new TrackingError(
            'E_PARAM_CHANGED',
            `param "${k}" of run ${runId} is already "${r.params[k]}"; params cannot change (MLflow refuses too): use a metric or a tag`,
          );
        r.params[k] = v;
      }
    });
  }

  async logMetrics(runId: string, metrics: MetricInput[]): Promise<void> {
    const now = Date.now();
    const points = metrics.map((m) => ({
      key: m.key,
      value: m.value,
      step: m.step ?? 0,
      timestamp: m.timestamp ?? now,
    }));
    validateBatch({ params: [], tags: [], metrics: points });
    await this.update(runId, (r) => r.history.push(...points));
  }

  async setTags(runId: string, tags: Record<string, string>): Promise<void> {
    validateBatch({
      params: [],
      metrics: [],
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    });
    await this.update(runId, (r) => Object.assign(r.tags, tags));
  }

  async logArtifact(runId: string, localPath: string, artifactPath?: string): Promise<void> {
    await this.readRun(runId);
    const info = await stat(localPath).catch((cause: unknown) => {
      throw new TrackingError('E_ARTIFACT_MISSING', `artifact ${localPath} does not exist: check the path`, {
        cause,
      });
    });
    const base = this.artifactDir(runId);
    const dest = info.isDirectory()
      ? artifactPath
        ? join(base, ...artifactPath.split('/'))
        : base
      : join(base, ...(artifactPath ?? basename(localPath)).split('/'));
    if (info.isDirectory() && !artifactPath) {
      await mkdir(base, { recursive: true });
      await cp(localPath, base, { recursive: true, force: true });
    } else await copyAtomic(localPath, dest);
  }

  async listArtifacts(runId: string, path = ''): Promise<string[]> {
    await this.readRun(runId);
    const base = this.artifactDir(runId);
    const dir = path ? join(base, ...path.split('/')) : base;
    if (!existsSync(dir)) return [];
    if ((await stat(dir)).isFile()) return [path];
    return (await listFiles(dir)).map((f) => relative(base, f).split(sep).join('/'));
  }

  async downloadArtifacts(runId: string, path: string, destDir: string): Promise<string[]> {
    const files = await this.listArtifacts(runId, path);
    if (files.length === 0)
      throw new TrackingError(
        'E_ARTIFACT_MISSING',
        `run ${runId} has no artifact "${path}": see its artifact list`,
      );
    const base = this.artifactDir(runId);
    const isFile = files.length === 1 && files[0] === path;
    const strip = isFile ? dirname(path) : path;
    const written: string[] = [];
    for (const f of files) {
      const rel = strip && strip !== '.' ? f.slice(strip.length + 1) : f;
      const dest = join(destDir, ...rel.split('/'));
      await copyAtomic(join(base, ...f.split('/')), dest);
      written.push(dest);
    }
    return written;
  }

  async getRun(runId: string): Promise<RunRecord> {
    const { history, ...rest } = await this.readRun(runId);
    return { ...rest, metrics: latestMetrics(history) };
  }

  async getMetricHistory(runId: string, key: string): Promise<MetricPoint[]> {
    return (await this.readRun(runId)).history.filter((p) => p.key === key);
  }

  async allRuns(): Promise<StoredRun[]> {
    const dir = join(this.location, 'runs');
    if (!existsSync(dir)) return [];
    const out: StoredRun[] = [];
    for (const id of await readdir(dir))
      if (existsSync(join(dir, id, 'run.json'))) out.push(await this.readRun(id));
    return out.sort((a, b) => b.startTime - a.startTime);
  }

  async searchRuns(opts: {
    experiment: string;
    tags?: Record<string, string>;
    maxResults?: number;
  }): Promise<RunRecord[]> {
    return (await this.allRuns())
      .filter((r) => r.experimentName === opts.experiment)
      .filter((r) => Object.entries(opts.tags ?? {}).every(([k, v]) => r.tags[k] === v))
      .slice(0, opts.maxResults ?? 1000)
      .map(({ history, ...rest }) => ({ ...rest, metrics: latestMetrics(history) }));
  }

  async listExperiments(): Promise<string[]> {
    return [...new Set((await this.allRuns()).map((r) => r.experimentName))].sort();
  }

  // ---- what was pushed to which MLflow server (see sync.ts)
  async readSyncState(runId: string): Promise<SyncState> {
    const file = join(this.runDir(runId), 'sync.json');
    return existsSync(file) ? readJson<SyncState>(file) : { servers: {} };
  }
  async writeSyncState(runId: string, state: SyncState): Promise<void> {
    await writeJson(join(this.runDir(runId), 'sync.json'), state);
  }

  // ---- registry
  private async readModel(name: string): Promise<StoredModel | undefined> {
    const file = this.modelFile(name);
    return existsSync(file) ? readJson<StoredModel>(file) : undefined;
  }
  private async mustModel(name: string): Promise<StoredModel> {
    const m = await this.readModel(name);
    if (!m)
      throw new TrackingError(
        'E_MODEL_NOT_FOUND',
        `registered model "${name}" not found in ${this.location}: train one first`,
      );
    return m;
  }
  private toRecord(m: StoredModel, v: StoredModel['versions'][number]): ModelVersionRecord {
    const aliases = Object.entries(m.aliases)
      .filter(([, ver]) => ver === v.version)
      .map(([a]) => a)
      .sort();
    return { name: m.name, ...v, aliases };
  }

  async registerModelVersion(opts: {
    name: string;
    runId: string;
    artifactPath?: string;
    description?: string;
    tags?: Record<string, string>;
  }): Promise<ModelVersionRecord> {
    const artifactPath = opts.artifactPath ?? 'model';
    if ((await this.listArtifacts(opts.runId, artifactPath)).length === 0)
      throw new TrackingError(
        'E_MODEL_ARTIFACT_MISSING',
        `run ${opts.runId} has no "${artifactPath}/" artifact folder to register: log the model bundle first`,
      );
    const m = (await this.readModel(opts.name)) ?? { name: opts.name, aliases: {}, versions: [] };
    const version = String(m.versions.length + 1);
    const v = {
      version,
      runId: opts.runId,
      source: `runs:/${opts.runId}/${artifactPath}`,
      description: opts.description,
      tags: { ...opts.tags },
    };
    m.versions.push(v);
    await writeJson(this.modelFile(opts.name), m);
    return this.toRecord(m, v);
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersionRecord> {
    const m = await this.mustModel(name);
    const v = m.versions.find((x) => x.version === version);
    if (!v) throw new TrackingError('E_VERSION_NOT_FOUND', `model "${name}" has no version ${version}`);
    return this.toRecord(m, v);
  }

  async listModels(): Promise<string[]> {
    const dir = join(this.location, 'registry');
    if (!existsSync(dir)) return [];
    return (await readdir(dir))
      .filter((f) => f.endsWith('.json'))
      .map((f) => decodeURIComponent(f.slice(0, -5)));
  }

  /** alias -> version of a registered model (empty when the model does not exist). */
  async listAliases(name: string): Promise<Record<string, string>> {
    return { ...(await this.readModel(name))?.aliases };
  }

  async listModelVersions(name: string): Promise<ModelVersionRecord[]> {
    const m = await this.readModel(name);
    return m ? m.versions.map((v) => this.toRecord(m, v)) : [];
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    const m = await this.mustModel(name);
    if (!m.versions.some((v) => v.version === version))
      throw new TrackingError(
        'E_VERSION_NOT_FOUND',
        `model "${name}" has no version ${version} to alias as "${alias}"`,
      );
    m.aliases[alias] = version;
    await writeJson(this.modelFile(name), m);
  }

  async getAlias(name: string, alias: string): Promise<ModelVersionRecord | undefined> {
    const m = await this.readModel(name);
    const version = m?.aliases[alias];
    return version ? this.getModelVersion(name, version) : undefined;
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    const m = await this.mustModel(name);
    delete m.aliases[alias];
    await writeJson(this.modelFile(name), m);
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    const m = await this.mustModel(name);
    const v = m.versions.find((x) => x.version === version);
    if (!v) throw new TrackingError('E_VERSION_NOT_FOUND', `model "${name}" has no version ${version}`);
    v.tags[key] = value;
    await writeJson(this.modelFile(name), m);
  }

  async downloadModelVersion(name: string, version: string, destDir: string): Promise<string[]> {
    const v = await this.getModelVersion(name, version);
    const m = /^runs:\/([0-9a-f]{32})\/(.+)$/.exec(v.source);
    if (!m || !v.runId)
      throw new TrackingError(
        'E_MODEL_SOURCE',
        `model "${name}" v${version} has an unknown source ${v.source}`,
      );
    await rm(destDir, { recursive: true, force: true });
    return this.downloadArtifacts(m[1]!, m[2]!, destDir);
  }
}
