/**
 * The real API server for the browser suite, run the way an operator runs it:
 *
 *   credit data synth -> credit features -> credit train (2 folds, few epochs)     cached, keyed by inputs
 *   credit users add demo-advisor (PGlite store in a fresh temp folder)           every run
 *   credit serve --port 0 --data <synthetic set> (the dashboard's built files at /) every run
 *
 * Each step is the `credit` CLI in a child process (the dashboard cannot import @credit/pipeline: the
 * pipeline already depends on the dashboard). The trained model is kept under
 * artifacts/test-cache/dashboard-model-<hash>/, the hash covering the parameters below and the source
 * files of the code that produces it, so a clean checkout trains once (~1-2 min) and later runs reuse it.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { kaggleSchemas } from '@credit/data';
import { repoRoot } from './browser-helpers.js';

/** Small enough to train in about a minute, large enough for filters and "similar clients" to mean something. */
export const SYNTHETIC = { clients: 600, testClients: 100, seed: 7 } as const;
/**
 * Equal piecewise slices: on 600 clients the default's target-aware slices find almost no cut that passes
 * their chi2 gate (training/src/target-bins.ts), and the model then hardly reacts to the amount asked, so no
 * refused client would have a counter-offer to show. This fixture tests the dashboard, not model quality.
 */
const TRAINING = { folds: 2, epochs: 3, seed: 1, config: { piecewiseEdges: 'equal' } } as const;
/** Code whose changes can change the synthetic set, the features or the bundle format. */
const SOURCES = [
  'data/src',
  'training/src',
  'pipeline/src/commands/data-synth.ts',
  'pipeline/src/commands/features.ts',
  'pipeline/src/commands/train.ts',
];

export interface RealApi {
  url: string;
  username: string;
  password: string;
  /** The synthetic set's folder (Kaggle layout), for tests that need a known client id. */
  dataDir: string;
  close(): Promise<void>;
}

const credit = join(repoRoot, 'pipeline', 'bin', 'credit.js');

/** The server must use its own PGlite store and local files, whatever the developer's shell has set. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.MLFLOW_TRACKING_URI;
  delete env.PORT;
  return env;
}

/** Runs `credit <args>` to completion; rejects with its stderr tail when it exits non-zero. */
function runCredit(args: string[], stdin?: string): Promise<string> {
  return new Promise((ok, ko) => {
    const child = spawn(process.execPath, [credit, ...args], { env: childEnv(), cwd: repoRoot });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', ko);
    child.on('close', (code) =>
      code === 0 ? ok(out) : ko(new Error(`credit ${args.join(' ')} exited ${code}:\n${err.slice(-2000)}`)),
    );
    child.stdin.end(stdin ?? '');
  });
}

function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => {
    const p = join(path, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : [];
  });
}

/** Hash of the model's inputs: parameters and the code that turns them into a bundle. */
function modelKey(): string {
  const h = createHash('sha256').update(JSON.stringify({ SYNTHETIC, TRAINING }));
  for (const f of SOURCES.flatMap((d) => sourceFiles(join(repoRoot, d))).sort())
    h.update(relative(repoRoot, f)).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/**
 * Kaggle's column dictionary rebuilt from @credit/data's schemas (which carry its descriptions), so the
 * model gets its human labels without ../shared.
 */
async function writeDictionary(path: string): Promise<void> {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = ['Table,Row,Description,Special'];
  for (const t of Object.values(kaggleSchemas))
    for (const c of t.columns) lines.push([q(t.file), q(c.name), q(c.description), '""'].join(','));
  await writeFile(path, `${lines.join('\n')}\n`);
}

/** The synthetic set, features and trained bundle: reused when present, else built in a temp folder and renamed. */
async function trainedModel(log: (line: string) => void): Promise<string> {
  // A folder this harness built before (raw/, features/, model/): skips the key check and training,
  // e.g. while code the key covers is being edited and does not build.
  const given = process.env.CREDIT_DASHBOARD_TEST_MODEL;
  if (given) {
    if (!existsSync(join(given, 'model', 'manifest.json')))
      throw new Error(`CREDIT_DASHBOARD_TEST_MODEL=${given} has no model/manifest.json: unset it to train`);
    return given;
  }
  const cacheDir = join(repoRoot, 'artifacts', 'test-cache');
  const dir = join(cacheDir, `dashboard-model-${modelKey()}`);
  if (existsSync(join(dir, 'model', 'manifest.json'))) return dir;
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const started = Date.now();
  log(`training the dashboard test model in ${tmp} (first run, about 1-2 min)`);
  try {
    const root = ['--root', tmp, '-q'];
    const s = SYNTHETIC;
    await runCredit([...root, 'data', 'synth', '--clients', String(s.clients), '--test-clients', String(s.testClients), '--seed', String(s.seed), '--out', join(tmp, 'raw')]); // prettier-ignore
    await runCredit([...root, 'features', '--data', join(tmp, 'raw'), '--out', join(tmp, 'features')]);
    await writeDictionary(join(tmp, 'dictionary.csv'));
    const t = TRAINING;
    await writeFile(join(tmp, 'training.json'), JSON.stringify(t.config));
    await runCredit([...root, 'train', '--features', join(tmp, 'features'), '--out', join(tmp, 'model'), '--folds', String(t.folds), '--epochs', String(t.epochs), '--seed', String(t.seed), '--dictionary', join(tmp, 'dictionary.csv'), '--config', join(tmp, 'training.json')]); // prettier-ignore
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true }); // no half-built folder left behind
    throw e;
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  // Older models (other hashes) are not needed any more: keep the cache at one model (~15 MB).
  for (const old of readdirSync(cacheDir))
    if (old.startsWith('dashboard-model-') && join(cacheDir, old) !== dir && !old.includes('.tmp-'))
      rmSync(join(cacheDir, old), { recursive: true, force: true });
  log(`dashboard test model ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return dir;
}

/** Trains (or reuses) the model, creates the demo advisor, starts `credit serve` on a free loopback port. */
export async function startRealApi(log: (line: string) => void = () => {}): Promise<RealApi> {
  const model = await trainedModel(log);
  const root = await mkdtemp(join(tmpdir(), 'credit-dashboard-api-'));
  const username = 'demo-advisor';
  const password = randomBytes(12).toString('base64url'); // a fresh store each run: never a fixed secret
  await runCredit(['--root', root, '-q', 'users', 'add', username], password);

  const dataDir = join(model, 'raw');
  const child = spawn(
    process.execPath,
    [credit, '--root', root, 'serve', '--model', join(model, 'model'), '--features', join(model, 'features'), '--data', dataDir, '--port', '0', '--host', '127.0.0.1'], // prettier-ignore
    { env: childEnv(), cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const url = await new Promise<string>((ok, ko) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /dashboard\s+(http:\/\/\S+?)\/?\n/.exec(out);
      if (m?.[1]) ok(m[1]);
    });
    void exited.then((code) =>
      ko(new Error(`credit serve exited ${code} before listening:\n${err.slice(-2000)}`)),
    );
  });
  return {
    url,
    username,
    password,
    dataDir,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM'); // graceful: flushes the decision log, closes the store
      await exited;
      await rm(root, { recursive: true, force: true });
    },
  };
}
