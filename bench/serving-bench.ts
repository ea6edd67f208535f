/**
 * Scoring API benchmark on loopback (issue 6 targets on the 2-core machine):
 *   p99 < 10 ms at a fixed 500 requests/s (paced evenly: bench/paced-load.ts), > 2,000 requests/s at
 *   concurrency 64, 0 errors,
 *   and decision-log rows == successful scoring requests once the server has flushed on shutdown.
 *
 *   npx tsx bench/serving-bench.ts [SECONDS_PER_RUN=10] [CLIENTS=2000] [WORKERS=cores] [--no-answer-cache]
 *   SERVER_CPU_PROF=DIR ... also writes the server's V8 CPU profile into DIR (open in Chrome DevTools)
 *
 * Setup: synthetic Kaggle set -> features -> a model with the default network trained briefly
 * (speed does not depend on how well it learnt) -> an API key. The server runs in a child process
 * (this file with --serve), as `credit serve` would, so autocannon does not share its event loop.
 * Runs: warm-up, then POST /v1/score {clientId} at 1, 16 and 64 connections, then 500 requests/s paced evenly (open loop).
 * The server's rate limit is raised for the benchmark (the default 6,000/min per key would answer 429).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { pacedLoad, type LoadResult } from './paced-load.js';

const here = fileURLToPath(import.meta.url);

/** autocannon's entry point (the package ships no types): the fields of its result we read. */
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
type CannonResult = LoadResult;

const args = process.argv.slice(2).filter((a) => a !== '--no-answer-cache');
const answerCache = !process.argv.includes('--no-answer-cache');
if (args[0] === '--serve') await serve(args[1]!, Number(args[2]), answerCache);
else await bench();

/** Child: the real server (serveProcess of credit serve: N worker processes) with the benchmark's rate limit. */
async function serve(root: string, workers: number, answerCache: boolean): Promise<void> {
  const { serveProcess } = await import('../pipeline/src/serve/process.js');
  const { createLogger } = await import('../pipeline/src/logger.js');
  await serveProcess(
    {
      root,
      model: join(root, 'model'),
      features: join(root, 'features'),
      port: 0,
      host: '127.0.0.1',
      config: { rateLimitPerMinute: 100_000_000, ...(answerCache ? {} : { knownClientAnswers: 0 }) },
      logger: createLogger('warn'),
    },
    workers,
    (url) => process.stdout.write(`URL ${url}\n`),
  );
}

async function bench(): Promise<void> {
  const seconds = Number(args[0] ?? 10);
  const clients = Number(args[1] ?? 2000);
  const workers = Number(args[2] ?? availableParallelism());
  const load0 = loadavg();
  const data = await import('@credit/data');
  const training = await import('@credit/training');
  const { hashToken, newToken } = await import('@credit/serving');
  const autocannon = (await import('autocannon')).default as unknown as Cannon;

  // 1. A real model on synthetic data.
  const root = await mkdtemp(join(tmpdir(), 'serving-bench-'));
  const raw = join(root, 'raw');
  const features = join(root, 'features');
  await mkdir(features, { recursive: true });
  let t = performance.now();
  await data.synthesizeKaggleDir({ outDir: raw, clients, testClients: 10, seed: 7 });
  const tables = await data.loadKaggleDir(raw);
  const { table, recipe } = data.buildFeatures(tables, undefined, { extraGroups: ['derived', 'loan-terms'] });
  await data.writeFeatureFile(join(features, 'features.arrow'), table);
  await data.writeRecipeFile(join(features, 'recipe.json'), recipe);
  const trained = await training.trainFromFeatureTable(table, {
    config: {
      folds: 2,
      importanceRows: 50,
      mlp: { epochs: 1, patience: 1 },
      baseline: { epochs: 1 },
    },
  });
  await training.saveBundle(join(root, 'model'), trained.model, {
    recipePath: join(features, 'recipe.json'),
  });
  const clientIds = table.ids;
  const setupSeconds = (performance.now() - t) / 1000;

  // 2. An API key, and the decision count before the runs (a shared PostgreSQL may hold others).
  const storeOptions = { databaseUrl: process.env.DATABASE_URL, dataDir: join(root, 'artifacts', 'store') };
  let store = await data.openStore(storeOptions);
  const key = newToken();
  await store.createApiKey('bench', 'serving bench', 'ops', hashToken(key));
  const rowsBefore = await store.countDecisions();
  await store.close();

  // 3. The server in a child process.
  const prof = process.env.SERVER_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SERVER_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [
      ...prof,
      ...process.execArgv,
      here,
      '--serve',
      root,
      String(workers),
      ...(answerCache ? [] : ['--no-answer-cache']),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await firstUrl(child);
  // Ready once the client base is scored in the background (GET /health/ready 503 until then).
  for (let i = 0; (await fetch(`${url}/health/ready`)).status !== 200; i++) {
    if (i > 600) throw new Error('server not ready after 60 s');
    await new Promise((ok) => setTimeout(ok, 100));
  }
  const request = {
    url: `${url}/v1/score`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    // Every labelled and test client in turn: the first pass computes each answer, later ones may
    // be remembered (--no-answer-cache makes every request compute its explanation).
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          body: JSON.stringify({ clientId: clientIds[next++ % clientIds.length] }),
        }),
      },
    ],
  };
  let next = 0;
  const runs: { name: string; r: CannonResult; cpu: CpuShare; drainSeconds: number }[] = [];
  /** One load run (autocannon's closed loop, or `load` for the paced one), its CPU, then a drained log. */
  const run = async (name: string, extra: Record<string, unknown>, load?: () => Promise<LoadResult>) => {
    const server0 = serverCpuMs(child.pid!);
    const client0 = process.cpuUsage();
    const r = load ? await load() : await autocannon({ ...request, duration: seconds, ...extra });
    const client = process.cpuUsage(client0);
    const cpu = {
      serverMs: serverCpuMs(child.pid!) - server0,
      clientMs: (client.user + client.system) / 1000,
    };
    // Each run starts with an empty decision log queue: the rows of the previous run are written first.
    const drained = performance.now();
    while ((await pendingRows()) > 0) await new Promise((ok) => setTimeout(ok, 100));
    runs.push({ name, r, cpu, drainSeconds: (performance.now() - drained) / 1000 });
    return r;
  };
  const scrape = async () => (await fetch(`${url}/metrics`, { headers: { 'x-api-key': key } })).text();
  const sumOf = (metrics: string, name: string) =>
    metrics
      .split('\n')
      .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  const pendingRows = async () => sumOf(await scrape(), 'credit_decision_log_pending');
  t = performance.now();
  await run('warm-up c=16', { connections: 16, duration: Math.max(2, seconds / 3) });
  const c1 = await run('c=1', { connections: 1 });
  const c16 = await run('c=16', { connections: 16 });
  const c64 = await run('c=64', { connections: 64 });
  const fixed = await run('500 req/s paced', {}, () =>
    pacedLoad({
      url: request.url,
      method: 'POST',
      headers: request.headers,
      body: () => JSON.stringify({ clientId: clientIds[next++ % clientIds.length] }),
      rate: 500,
      seconds,
    }),
  );
  const benchSeconds = (performance.now() - t) / 1000;

  // 4. Decisions the server returned (its own counter: autocannon drops the answers still in flight
  //    when a run ends, so its 2xx count can be a little lower), then a graceful stop flushes the log.
  const served = sumOf(await scrape(), 'credit_decisions_total');
  child.kill('SIGTERM');
  const exitCode = await new Promise<number | null>((ok) => child.once('exit', ok));
  store = await data.openStore(storeOptions);
  const rows = (await store.countDecisions()) - rowsBefore;
  await store.close();
  const ok2xx = runs.reduce((s, x) => s + x.r['2xx'], 0);
  const errors = runs.reduce((s, x) => s + x.r.errors + x.r.timeouts + x.r.non2xx, 0);
  await rm(root, { recursive: true, force: true });

  // 5. Figures and ratios against the targets.
  // CPU per answered request (server processes: primary + workers; client: autocannon in this
  // process): steadier than req/s on a shared machine; 2 cores / (server + client) is the ceiling.
  const line = (name: string, r: CannonResult, cpu: CpuShare, drainSeconds: number) => {
    const n = Math.max(r['2xx'], 1);
    const [server, client] = [cpu.serverMs / n, cpu.clientMs / n];
    return `${name.padEnd(18)} ${r.requests.average.toFixed(0).padStart(7)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  max ${String(r.latency.max).padStart(5)} ms  2xx ${String(r['2xx']).padStart(7)}  errors ${r.errors + r.timeouts}  non-2xx ${r.non2xx}  CPU/request server ${server.toFixed(3)} ms + client ${client.toFixed(3)} ms -> ceiling ${((cpus().length * 1000) / (server + client)).toFixed(0)} req/s; log drained ${drainSeconds.toFixed(1)} s after`;
  };
  const ratio = (v: number) => `${v.toFixed(2)}x`;
  const out = [
    `serving bench: POST /v1/score {clientId} over ${clientIds.length} clients in turn, ${seconds} s per run, model ${table.names.length} features -> MLP ${training.defaultTrainingConfig.mlp.hiddenLayers.join('-')} x ${training.defaultTrainingConfig.mlp.ensemble ?? 1} merged, ${workers} server process(es), answer cache ${answerCache ? 'on' : 'off (every request explains)'}`,
    `machine: ${cpus().length} cores, load average ${load0.map((v) => v.toFixed(2)).join(' ')} at start, ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')} at end; setup ${setupSeconds.toFixed(1)} s, runs ${benchSeconds.toFixed(1)} s`,
    ...runs.map((x) => line(x.name, x.r, x.cpu, x.drainSeconds)),
    `target p99 < 10 ms at 500 req/s (paced, open loop): p99 ${fixed.latency.p99} ms (target/p99 ${ratio(10 / Math.max(fixed.latency.p99, 1e-9))}), achieved ${fixed.requests.average.toFixed(0)} req/s`,
    `target > 2000 req/s at c=64: ${c64.requests.average.toFixed(0)} req/s (${ratio(c64.requests.average / 2000)} of target); c=1 ${c1.requests.average.toFixed(0)}, c=16 ${c16.requests.average.toFixed(0)}`,
    `target 0 errors: ${errors} (errors + timeouts + non-2xx over all runs)`,
    `decision log: ${rows} rows written for ${served} decisions returned by the server -> ${rows === served ? 'EQUAL' : 'MISMATCH'} (server exit ${exitCode}; autocannon saw ${ok2xx} 2xx, the rest were in flight when a run ended)`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (rows !== served || served < ok2xx || exitCode !== 0) process.exitCode = 1;
}

interface CpuShare {
  serverMs: number;
  clientMs: number;
}

/** User + system CPU of a process and its children (the cluster's workers), from /proc, in ms. */
function serverCpuMs(pid: number): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const own = (p: string) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
    } catch {
      return 0; // exited meanwhile
    }
  };
  let children: string[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    children = [];
  }
  return own(String(pid)) + children.reduce((sum, c) => sum + own(c), 0);
}

async function firstUrl(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  return new Promise<string>((ok, ko) => {
    child.once('exit', (code) => ko(new Error(`server exited with ${code} before listening`)));
    lines.on('line', (l) => {
      if (l.startsWith('URL ')) ok(l.slice(4));
    });
  });
}
