import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TrackingError } from './errors.js';
import type { LocalTracker } from './local-tracker.js';
import type { Logger } from './logger.js';
import type { MlflowClient } from './mlflow/client.js';
import { PARENT_RUN_TAG } from './tracker.js';

export interface SyncReport {
  localRunId: string;
  remoteRunId: string;
  created: boolean;
  pushed: {
    params: number;
    tags: number;
    metrics: number;
    artifacts: number;
    modelVersions: number;
    aliases: number;
  };
}

const pointKey = (p: { step?: number; timestamp: number; value: number }): string =>
  `${Number(p.step ?? 0)}|${Number(p.timestamp)}|${Number(p.value)}`;

/**
 * Pushes local runs (the journal of runs logged while MLflow was unreachable, or any local run) to a server.
 * Idempotent: it compares with what the server already holds (params, tags, metric points, artifact files)
 * and records the remote run id and model versions in the run's sync.json, so nothing is logged twice.
 */
export async function syncRuns(opts: {
  journal: LocalTracker;
  client: MlflowClient;
  logger: Logger;
  /** Only these local runs (default: every run not yet synced to this server). */
  runIds?: string[];
}): Promise<SyncReport[]> {
  const { journal, client, logger } = opts;
  const url = client.baseUrl;
  const all = await journal.allRuns();
  const wanted = opts.runIds ? all.filter((r) => opts.runIds!.includes(r.runId)) : all;
  // Parents first, so a child's mlflow.parentRunId can point at its parent's remote id.
  const ordered = [...wanted].sort((a, b) => a.startTime - b.startTime);
  const reports: SyncReport[] = [];
  for (const run of ordered) {
    const state = await journal.readSyncState(run.runId);
    const server = state.servers[url];
    if (server?.synced && state.pendingUrl !== url && !opts.runIds) continue;
    const pushed = { params: 0, tags: 0, metrics: 0, artifacts: 0, modelVersions: 0, aliases: 0 };

    // 1. the remote run: reuse the recorded one, else create it and record it at once
    let remoteId = server?.remoteRunId;
    let created = false;
    if (remoteId) {
      try {
        await client.getRun(remoteId);
      } catch (e) {
        if (!(e instanceof TrackingError && e.code === 'E_MLFLOW_RESOURCE_DOES_NOT_EXIST')) throw e;
        remoteId = undefined;
      }
    }
    const tags = { ...run.tags };
    const parentLocal = tags[PARENT_RUN_TAG];
    if (parentLocal && /^[0-9a-f]{32}$/.test(parentLocal)) {
      const parentState = await journal.readSyncState(parentLocal).catch(() => undefined);
      const parentRemote = parentState?.servers[url]?.remoteRunId;
      if (parentRemote) tags[PARENT_RUN_TAG] = parentRemote;
    }
    if (!remoteId) {
      const experimentId = await client.ensureExperiment(run.experimentName);
      const r = await client.createRun({
        experimentId,
        runName: run.runName,
        startTime: run.startTime,
        tags,
      });
      remoteId = r.info.run_id;
      created = true;
      state.servers[url] = { remoteRunId: remoteId, versions: server?.versions ?? {} };
      await journal.writeSyncState(run.runId, state);
    }
    const remote = await client.getRun(remoteId);

    // 2. params and tags that the server lacks
    const remoteParams = new Map((remote.data.params ?? []).map((p) => [p.key, p.value]));
    const params = Object.entries(run.params)
      .filter(([k]) => !remoteParams.has(k))
      .map(([key, value]) => ({ key, value }));
    const remoteTags = new Map((remote.data.tags ?? []).map((t) => [t.key, t.value]));
    const tagList = Object.entries(tags)
      .filter(([k, v]) => remoteTags.get(k) !== v)
      .map(([key, value]) => ({ key, value }));

    // 3. metric points not on the server yet (same key, step, timestamp and value)
    const metrics = [];
    for (const key of new Set(run.history.map((p) => p.key))) {
      const have = new Set((await client.getMetricHistory(remoteId, key)).map(pointKey));
      metrics.push(...run.history.filter((p) => p.key === key && !have.has(pointKey(p))));
    }
    await client.logBatch(remoteId, { params, tags: tagList, metrics });
    Object.assign(pushed, { params: params.length, tags: tagList.length, metrics: metrics.length });

    // 4. artifact files missing on the server (or of another size)
    const remoteFiles = new Map((await client.listArtifactFiles(remoteId)).map((f) => [f.path, f.size]));
    for (const rel of await journal.listArtifacts(run.runId)) {
      const local = join(journal.artifactDir(run.runId), ...rel.split('/'));
      if (remoteFiles.get(rel) === (await stat(local)).size) continue;
      await client.logArtifacts(remoteId, local, rel);
      pushed.artifacts += 1;
    }

    // 5. status and end time
    if (remote.info.status !== run.status || Number(remote.info.end_time ?? 0) !== Number(run.endTime ?? 0))
      if (run.status !== 'RUNNING') await client.updateRun(remoteId, run.status, run.endTime);

    // 6. model versions registered from this run while offline, and their aliases
    const entry = state.servers[url]!;
    for (const model of await journal.listModels()) {
      const localAliases = await journal.listAliases(model);
      for (const v of await journal.listModelVersions(model)) {
        if (v.runId !== run.runId) continue;
        const key = `${model}/${v.version}`;
        let fresh = false;
        if (!entry.versions[key]) {
          const artifactPath = v.source.replace(/^runs:\/[0-9a-f]{32}\//, '');
          const mv = await client.registerRunModel({
            name: model,
            runId: remoteId,
            artifactPath,
            description: v.description,
            tags: v.tags,
          });
          entry.versions[key] = String(mv.version);
          await journal.writeSyncState(run.runId, state);
          pushed.modelVersions += 1;
          fresh = true;
        }
        // Aliases move only with a version pushed now (or one set while offline): an old run re-synced
        // later never takes an alias back from a newer version on the server.
        const aliases = new Set(
          Object.entries(state.pendingAliases ?? {})
            .filter(([, lv]) => lv === v.version)
            .map(([a]) => a),
        );
        if (fresh) for (const [a, lv] of Object.entries(localAliases)) if (lv === v.version) aliases.add(a);
        for (const alias of aliases) {
          if ((await client.getByAlias(model, alias))?.version === entry.versions[key]) continue;
          await client.setAlias(model, alias, entry.versions[key]!);
          pushed.aliases += 1;
        }
      }
    }
    delete state.pendingAliases;
    entry.synced = run.status !== 'RUNNING';
    if (state.pendingUrl === url) delete state.pendingUrl;
    await journal.writeSyncState(run.runId, state);
    logger.info('run synced', { localRunId: run.runId, remoteRunId: remoteId, ...pushed });
    reports.push({ localRunId: run.runId, remoteRunId: remoteId, created, pushed });
  }
  return reports;
}
