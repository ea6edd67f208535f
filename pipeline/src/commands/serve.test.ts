import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  buildFeatures,
  loadKaggleDir,
  openStore,
  synthesizeKaggleDir,
  writeFeatureFile,
  writeRecipeFile,
} from '@credit/data';
import { LocalTracker, silentLogger } from '@credit/experiments';
import { hashToken, newToken } from '@credit/serving';
import { saveBundle, trainFromFeatureTable } from '@credit/training';
import { runCli } from '../cli/run-cli-for-tests.js';
import { createLogger } from '../logger.js';
import { startServer, type RunningServer } from './serve.js';

let root: string;
let running: RunningServer | undefined;
let clientIds: number[] = [];
const logger = createLogger('silent');

beforeAll(async () => {
  // A tiny real setup: synthetic applications -> features folder -> a small trained bundle.
  root = await mkdtemp(path.join(tmpdir(), 'credit-serve-'));
  const raw = path.join(root, 'raw');
  const features = path.join(root, 'features');
  await mkdir(features, { recursive: true });
  await synthesizeKaggleDir({ outDir: raw, clients: 120, testClients: 5, seed: 3 });
  const tables = await loadKaggleDir(raw, { tables: ['application_train', 'application_test'] });
  const { table, recipe } = buildFeatures(tables);
  clientIds = Array.from(table.ids.subarray(0, 20));
  await writeFeatureFile(path.join(features, 'features.arrow'), table);
  await writeRecipeFile(path.join(features, 'recipe.json'), recipe);
  // Two different models: the second one is what the hot-reload test promotes.
  for (const [dir, hidden] of [
    ['model', 4],
    ['model-2', 3],
  ] as const) {
    const trained = await trainFromFeatureTable(table, {
      config: {
        folds: 2,
        importanceRows: 20,
        mlp: { hiddenLayers: [hidden], epochs: 1, patience: 1, batchSize: 64 },
        baseline: { epochs: 1 },
      },
    });
    await saveBundle(path.join(root, dir), trained.model, {
      recipePath: path.join(features, 'recipe.json'),
    });
  }
}, 150_000);
afterAll(async () => {
  await running?.close();
  await rm(root, { recursive: true, force: true });
});

describe('startServer', () => {
  it('listens on a free port, answers ready, serves the dashboard, reloads and closes', async () => {
    running = await startServer({
      root,
      model: path.join(root, 'model'),
      features: path.join(root, 'features'),
      port: 0,
      host: '127.0.0.1',
      logger,
    });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ready = await fetch(`${running.url}/health/ready`);
    expect(ready.status).toBe(200);
    const { modelVersion } = (await ready.json()) as { modelVersion: string };
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await running.reload()).toBe(modelVersion);
    await running.close();
    await expect(fetch(`${running.url}/health/live`)).rejects.toThrow();
    running = undefined;
  }, 60_000);
  it('refuses a negative --poll-seconds before opening anything', async () => {
    const errors: string[] = [];
    const r = await runCli(
      ['serve', '--model', 'models:/credit-scoring@champion', '--features', root, '--poll-seconds', '-1'],
      { ...logger, error: (m) => errors.push(m) },
    );
    expect(r.code).toBe(1);
    expect(`${r.err}${errors.join('')}`).toMatch(/--poll-seconds -1: expected a number of seconds >= 0/);
  });
  it('names the missing features folder', async () => {
    await expect(
      startServer({
        root,
        model: path.join(root, 'model'),
        features: path.join(root, 'nowhere'),
        port: 0,
        host: '127.0.0.1',
        logger,
      }),
    ).rejects.toThrow(/features\.arrow not found/);
  });
});

/** Logs a run with the bundle as its model/ artifact and registers it: the registry version. */
async function registerBundle(tracker: LocalTracker, dir: string): Promise<string> {
  const runId = await tracker.startRun({ experiment: 'serve-reload-test' });
  await tracker.logArtifact(runId, dir, 'model');
  await tracker.endRun(runId);
  return (await tracker.registerModelVersion({ name: 'credit-scoring', runId })).version;
}

async function apiKey(): Promise<string> {
  const store = await openStore({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: path.join(root, 'artifacts', 'store'),
  });
  const key = newToken();
  try {
    await store.createApiKey(`reload-${Date.now()}`, 'reload test', 'ops', hashToken(key));
  } finally {
    await store.close();
  }
  return key;
}

describe('hot reload from the registry (models:/credit-scoring@champion)', () => {
  it('serves a newly promoted champion under concurrent load with zero failed requests, and keeps serving when the new version is broken', async () => {
    const tracker = new LocalTracker({
      root: path.join(root, 'artifacts', 'tracking'),
      logger: silentLogger,
    });
    const v1 = await registerBundle(tracker, path.join(root, 'model'));
    const v2 = await registerBundle(tracker, path.join(root, 'model-2'));
    // A broken version (no weights) for the last step.
    const broken = path.join(root, 'model-broken');
    await cp(path.join(root, 'model-2'), broken, { recursive: true });
    await rm(path.join(broken, 'weights.bin'));
    const v3 = await registerBundle(tracker, broken);
    await tracker.setAlias('credit-scoring', 'champion', v1);
    const key = await apiKey();
    const errors: { message: string; fields?: Record<string, unknown> }[] = [];
    const moves: { at: number; to: unknown }[] = [];
    const pollSeconds = 0.25;
    running = await startServer({
      root,
      model: 'models:/credit-scoring@champion',
      features: path.join(root, 'features'),
      port: 0,
      host: '127.0.0.1',
      pollSeconds,
      logger: {
        ...logger,
        info: (message, fields) => {
          if (message.startsWith('model alias moved')) moves.push({ at: Date.now(), to: fields?.to });
        },
        error: (message, fields) => errors.push({ message, fields }),
      },
    });
    const server = running;
    expect(server.served().registryVersion).toBe(v1);
    const firstVersion = server.served().model.version;

    // 4 clients scoring in a loop for the whole test; every answer recorded.
    const seen: { status: number; modelVersion?: string; at: number }[] = [];
    let stop = false;
    const client = async (k: number) => {
      for (let i = 0; !stop; i++) {
        const clientId = clientIds[(k + i) % clientIds.length]!;
        try {
          const r = await fetch(`${server.url}/v1/score`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': key },
            body: JSON.stringify({ clientId }),
          });
          const body = (await r.json()) as { modelVersion?: string };
          seen.push({ status: r.status, modelVersion: body.modelVersion, at: Date.now() });
        } catch {
          seen.push({ status: 0, at: Date.now() });
        }
      }
    };
    const load = Promise.all(Array.from({ length: 4 }, (_, k) => client(k)));
    const waitFor = async (what: () => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!what() && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 20));
      return what();
    };
    try {
      await waitFor(() => seen.length >= 50, 30_000);

      // Promote a new version: the server switches on its own.
      const promotedAt = Date.now();
      await tracker.setAlias('credit-scoring', 'champion', v2);
      expect(await waitFor(() => server.served().registryVersion === v2, 30_000)).toBe(true);
      const secondVersion = server.served().model.version;
      expect(secondVersion).not.toBe(firstVersion);
      expect(await waitFor(() => seen.some((s) => s.modelVersion === secondVersion), 10_000)).toBe(true);
      // Noticed at the first poll after the promotion (timer slack allowed on a loaded shared machine);
      // the swap then waits only for the copy from the registry and the load of the new bundle (the
      // test's own clients share this process's event loop, which slows both on a loaded machine).
      const noticed = moves.find((m) => m.to === v2)!;
      expect(noticed.at - promotedAt).toBeLessThan(pollSeconds * 1000 + 5_000);

      // Promote the broken version: the load fails, the error is logged, v2 keeps serving.
      await tracker.setAlias('credit-scoring', 'champion', v3);
      expect(await waitFor(() => errors.some((e) => e.fields?.version === v3), 30_000)).toBe(true);
      const countBefore = seen.length;
      await waitFor(() => seen.length >= countBefore + 20, 30_000);
      expect(server.served().registryVersion).toBe(v2);
      expect(seen.slice(countBefore).every((s) => s.modelVersion === secondVersion)).toBe(true);
    } finally {
      stop = true;
      await load;
    }
    const failed = seen.filter((s) => s.status !== 200);
    expect({ requests: seen.length, failed: failed.length }).toEqual({ requests: seen.length, failed: 0 });
    expect(seen.filter((s) => s.modelVersion === firstVersion).length).toBeGreaterThan(0);
    await server.close();
    running = undefined;
  }, 120_000);
});

const bin = fileURLToPath(new URL('../../bin/credit.js', import.meta.url));
const storeDir = () => path.join(root, 'artifacts', 'store');

/** `credit serve` on the test's root as a real process: its URL once it listens, its exit code. */
function spawnServe(extra: string[]) {
  const args = ['--root', root, 'serve', '--model', path.join(root, 'model')];
  args.push('--features', path.join(root, 'features'), '--port', '0', ...extra);
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((ok) => child.once('exit', ok));
  const url = new Promise<string>((ok, ko) => {
    void exited.then((code) => ko(new Error(`credit serve exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (l) => {
      const m = /^dashboard\s+(\S+)\/$/.exec(l);
      if (m) ok(m[1]!);
    });
  });
  return { child, url, exited, stderr: () => stderr };
}

/** Another `credit` command on the same root, as its own process (what an operator would run). */
async function credit(
  args: string[],
  stdin = '',
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [bin, '--root', root, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  child.stdin.end(stdin);
  const code = await new Promise<number | null>((ok) => child.once('exit', ok));
  return { code, out, err };
}

describe('one process at a time on the embedded store (real credit processes)', () => {
  it('refuses credit keys, credit users and a second credit serve while credit serve runs; they work once it stopped', async () => {
    const embedded = !process.env.DATABASE_URL;
    const name = `lock-${Date.now()}`; // unique: a PostgreSQL store (CI) outlives the test
    const password = 'a long enough password\n';
    const server = spawnServe([]);
    try {
      await server.url;
      const whileServing = [
        await credit(['keys', 'create', '--name', name]),
        await credit(['users', 'add', name], password),
        await credit(['keys', 'list']),
      ];
      if (embedded) {
        const holder = `"credit serve" \\(pid ${server.child.pid}, since \\d\\d:\\d\\d:\\d\\d\\)`;
        for (const refused of whileServing) {
          expect(refused.code).toBe(1);
          expect(refused.out).toBe('');
          // One line naming the store and its holder, then the usual hint: no stack trace.
          expect(refused.err).toMatch(
            new RegExp(
              `^error: The decision store ${storeDir()} is in use by ${holder}\\. PGlite allows one process at a time: stop that process first, or use PostgreSQL \\(set DATABASE_URL\\) to run several\\. If that process is gone and its pid now belongs to another program, delete ${storeDir()}\\.lock\\. \\[E_STORE_IN_USE\\]\n\\(run with --verbose for details\\)\n$`,
            ),
          );
        }
        const second = spawnServe([]);
        await expect(second.url).rejects.toThrow(
          /credit serve exited with 1: .*is in use by "credit serve"/s,
        );
      } else {
        // PostgreSQL serves several processes: no lock, nothing refused.
        expect(whileServing.map((r) => r.code)).toEqual([0, 0, 0]);
        expect(existsSync(`${storeDir()}.lock`)).toBe(false);
      }
      expect((await fetch(`${await server.url}/health/ready`)).status).toBe(200); // the first one serves on
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(existsSync(`${storeDir()}.lock`)).toBe(false);
    const after = `${name}-after`;
    expect((await credit(['keys', 'create', '--name', after])).code).toBe(0);
    expect(await credit(['users', 'add', after], password)).toMatchObject({
      code: 0,
      out: `created advisor ${after}\n`,
    });
    const keys = (await credit(['keys', 'list'])).out;
    expect(keys).toContain(` ${after}\n`);
    // Refused while serving: nothing written; accepted with PostgreSQL.
    expect(keys.includes(` ${name}\n`)).toBe(!embedded);
  }, 120_000);
});

describe('credit serve --workers 2 (a real process tree)', () => {
  it('serves from two processes on one port, logs every decision once, reloads on SIGHUP, replaces a dead worker, flushes on SIGTERM', async () => {
    const key = await apiKey();
    const store0 = await openStore({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: path.join(root, 'artifacts', 'store'),
    });
    const rowsBefore = await store0.countDecisions();
    await store0.close();

    const server = spawnServe(['--workers', '2']);
    const { child } = server;
    try {
      const url = await server.url;
      // The primary alone holds an embedded store (its workers reach it over IPC); PostgreSQL takes no lock.
      const lock = `${storeDir()}.lock`;
      if (process.env.DATABASE_URL) expect(existsSync(lock)).toBe(false);
      else
        expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({
          pid: child.pid,
          command: 'credit serve',
        });
      // Two worker processes under the primary, both serving.
      const workers = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
        .trim()
        .split(/\s+/);
      expect(workers).toHaveLength(2);
      for (let i = 0; (await fetch(`${url}/health/ready`)).status !== 200; i++) {
        if (i > 300) throw new Error('not ready');
        await new Promise((r) => setTimeout(r, 100));
      }

      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          fetch(`${url}/v1/score`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': key },
            body: JSON.stringify({ clientId: clientIds[i % clientIds.length] }),
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
      // Any worker answers the scrape with the sum over both.
      const metrics = await (await fetch(`${url}/metrics`, { headers: { 'x-api-key': key } })).text();
      const served = metrics
        .split('\n')
        .filter((l) => l.startsWith('credit_decisions_total{'))
        .reduce((s, l) => s + Number(l.split(' ').pop()), 0);
      expect(served).toBe(40);
      expect(metrics.match(/^credit_model_info\{.*\} 1$/m)).not.toBeNull();

      child.kill('SIGHUP');
      for (let i = 0; (server.stderr().match(/model reloaded/g) ?? []).length < 2; i++) {
        if (i > 300) throw new Error(`no reload in: ${server.stderr()}`);
        await new Promise((r) => setTimeout(r, 100));
      }

      // A worker that dies is replaced; the port keeps answering meanwhile.
      process.kill(Number(workers[0]), 'SIGKILL');
      for (let i = 0; ; i++) {
        const now = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/);
        if (now.length === 2 && !now.includes(workers[0]!)) break;
        if (i > 600) throw new Error(`no replacement worker: ${server.stderr()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(server.stderr()).toMatch(/serving worker stopped; starting another/);
      const again = await fetch(`${url}/v1/score`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ clientId: clientIds[0] }),
      });
      expect(again.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(existsSync(`${storeDir()}.lock`)).toBe(false); // stopped cleanly: nothing left behind
    const store = await openStore({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: path.join(root, 'artifacts', 'store'),
    });
    try {
      expect((await store.countDecisions()) - rowsBefore).toBe(41);
    } finally {
      await store.close();
    }
  }, 120_000);
});
