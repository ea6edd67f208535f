import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { ClusterLink, ScoringModel, ServingConfig } from '@credit/serving';
import type { Tracker } from '@credit/experiments';
import type { FieldImportance } from '@credit/training';
import type { CommandContext } from '../cli/context.js';
import type { CliLogger } from '../logger.js';

export interface ServeOptions {
  /** Repository root: the store lives in <root>/artifacts/store unless DATABASE_URL is set. */
  root: string;
  /** Model bundle folder or models:/NAME@ALIAS | models:/NAME/VERSION. */
  model: string;
  /** Folder with features.arrow + recipe.json (from credit features). */
  features: string;
  /** Optional Kaggle-layout folder: its application rows back the client routes. */
  data?: string;
  port: number;
  host: string;
  trackingUri?: string;
  /**
   * With a models:/NAME@ALIAS URI: seconds between checks of where the alias points (a move reloads
   * the model); 0 or absent = no polling (SIGHUP still reloads).
   */
  pollSeconds?: number;
  /** Serving limits (batch size, body limit, rate limit...); the defaults of @credit/serving otherwise. */
  config?: Partial<ServingConfig>;
  logger: CliLogger;
  /**
   * In a worker of `credit serve --workers N`: the store is the primary's (reached over IPC) and the
   * metrics are summed over the workers. Without it, this process opens the store itself.
   */
  cluster?: ClusterLink;
}

/** What serves now: the model, and the registry version it came from when served from models:/. */
export interface ServedModel {
  model: ScoringModel;
  registryVersion?: string;
}

export interface RunningServer {
  url: string;
  /**
   * Loads the bundle again (for an alias: the version it points to now) and swaps it in atomically;
   * the old one serves until the swap and keeps serving if the load fails. Returns the model version.
   */
  reload(): Promise<string>;
  served(): ServedModel;
  /** Stops accepting, waits for requests in flight, flushes the decision log, closes the store. */
  close(): Promise<void>;
}

async function fail(code: string, message: string): Promise<never> {
  const { PipelineError } = await import('../errors.js');
  throw new PipelineError(code, message);
}

/** The features folder and a bundle folder exist (a registry URI is checked when it is resolved). */
export async function checkServeInputs(options: Pick<ServeOptions, 'features' | 'model'>) {
  const featuresDir = resolve(options.features);
  const arrowPath = join(featuresDir, 'features.arrow');
  const recipePath = join(featuresDir, 'recipe.json');
  for (const p of [arrowPath, recipePath])
    if (!existsSync(p))
      await fail('E_NO_FEATURES', `${p} not found: run credit features --out ${featuresDir}`);
  if (!options.model.startsWith('models:/') && !existsSync(join(resolve(options.model), 'manifest.json')))
    await fail(
      'E_NO_MODEL',
      `${resolve(options.model)} is not a model bundle (no manifest.json): run credit train first`,
    );
  return { arrowPath, recipePath };
}

/** Opens everything the API needs and listens; `credit run` calls this too. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { logger, root } = options;
  const { arrowPath, recipePath } = await checkServeInputs(options);
  if (!options.cluster) {
    // Before loading the model: a store held by another server is refused in a blink, not after seconds.
    const { checkDecisionStoreFree } = await import('../store/open-decision-store.js');
    checkDecisionStoreFree({ root });
  }

  const data = await import('@credit/data');
  const training = await import('@credit/training');
  const serving = await import('@credit/serving');
  const dashboard = await import('@credit/dashboard');

  const source = await modelSource(options);
  const [table, recipe] = await Promise.all([
    data.readFeatureFile(arrowPath),
    data.readRecipeFile(recipePath),
  ]);
  const applications = options.data ? await applicationRows(resolve(options.data), logger) : undefined;
  // One loader for the first load, SIGHUP and alias polling; it refuses a model the table cannot feed.
  const load = async (target?: string): Promise<ServedModel> => {
    const { dir, registryVersion } = await source.resolve(target);
    const model = serving.bundleScoringModel(await training.loadBundle(dir, logger), {
      importance: await importanceReport(dir),
    });
    await checkFeatures(model.featureNames, table.names);
    return { model, ...(registryVersion ? { registryVersion } : {}) };
  };
  const slot = serving.createModelSlot(await load(), load);
  const clients = serving.featureClientBase({
    table,
    recipe,
    featureNames: () => slot.current().model.featureNames,
    ...(applications ? { applications } : {}),
  });
  if (!dashboard.isDashboardBuilt()) {
    logger.info('building the dashboard (first start)');
    await dashboard.buildDashboard();
  }
  const store = options.cluster?.store ?? (await openServingStore(root, logger));
  const served = serving.createApp({
    store,
    model: () => slot.current().model, // read once per request: in-flight requests keep their model
    clients,
    staticDir: dashboard.dashboardStaticDir,
    logger, // one line per request (ids and figures only)
    ...(options.config ? { config: options.config } : {}),
    ...(options.cluster ? { cluster: options.cluster } : {}),
  });
  let server: Server;
  try {
    server = await new Promise<Server>((ok, ko) => {
      const s = served.app.listen(options.port, options.host, (err?: Error) => (err ? ko(err) : ok(s)));
    });
  } catch (e) {
    await served.close();
    await store.close();
    throw e;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  options.cluster?.listening(url);

  const watcher =
    source.alias && options.pollSeconds && options.pollSeconds > 0
      ? serving.watchAlias({
          intervalMs: options.pollSeconds * 1000,
          uri: options.model,
          readVersion: source.alias,
          servedVersion: () => slot.current().registryVersion,
          reload: (version) => slot.reload(version),
          logger,
        })
      : undefined;
  if (watcher) logger.info('polling the model alias', { uri: options.model, seconds: options.pollSeconds });

  let closing: Promise<void> | undefined;
  return {
    url,
    async reload() {
      return (await slot.reload()).model.version;
    },
    served: () => slot.current(),
    close() {
      closing ??= (async () => {
        await watcher?.stop();
        await new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeIdleConnections();
        });
        await served.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/**
 * The decision store `credit serve` writes to: PostgreSQL with DATABASE_URL, else PGlite under artifacts/
 * (locked: a second server or a `credit keys` on it is refused while this one runs). Opened by the
 * process that serves alone, or by the primary of `--workers N` (its workers reach it over IPC).
 */
export async function openServingStore(root: string, logger: CliLogger) {
  const { openDecisionStore } = await import('../store/open-decision-store.js');
  return openDecisionStore({ root, command: 'credit serve', logger });
}

/** reports/importance.json of the bundle, or [] when it has none (older bundles). */
async function importanceReport(modelDir: string): Promise<FieldImportance[]> {
  const file = join(modelDir, 'reports', 'importance.json');
  if (!existsSync(file)) return [];
  return JSON.parse(await readFile(file, 'utf8')) as FieldImportance[];
}

async function checkFeatures(needed: readonly string[], available: string[]): Promise<void> {
  const have = new Set(available);
  const missing = needed.filter((n) => !have.has(n));
  if (missing.length > 0)
    await fail(
      'E_FEATURES_MISMATCH',
      `the model needs ${missing.length} feature(s) the feature table lacks (first: ${missing.slice(0, 3).join(', ')}); rebuild the features with the recipe the model was trained on`,
    );
}

interface ModelSource {
  /** Folder of the bundle to load; `target` = a registry version chosen by the alias watcher. */
  resolve(target?: string): Promise<{ dir: string; registryVersion?: string }>;
  /** For models:/NAME@ALIAS: where the alias points now (what the watcher polls). */
  alias?: () => Promise<string | undefined>;
}

/** A bundle folder (reloaded in place), or a registry URI resolved through the tracker on every load. */
async function modelSource(options: ServeOptions): Promise<ModelSource> {
  if (!options.model.startsWith('models:/')) {
    const dir = resolve(options.model);
    if (!existsSync(join(dir, 'manifest.json')))
      await fail('E_NO_MODEL', `${dir} is not a model bundle (no manifest.json): run credit train first`);
    return { resolve: async () => ({ dir }) };
  }
  const { createTracker, parseModelUri, resolveModelUri } = await import('@credit/experiments');
  const parsed = parseModelUri(options.model);
  if (!parsed)
    return fail(
      'E_MODEL_URI',
      `--model ${options.model}: expected models:/NAME@ALIAS or models:/NAME/VERSION`,
    );
  const tracker: Tracker = createTracker({
    trackingUri: options.trackingUri,
    root: join(options.root, 'artifacts', 'tracking'),
    logger: options.logger,
  });
  const cacheDir = join(options.root, 'artifacts', 'model-cache');
  const { name, alias } = parsed;
  const pointed = alias ? async () => (await tracker.getAlias(name, alias))?.version : undefined;
  return {
    ...(pointed ? { alias: pointed } : {}),
    async resolve(target) {
      const version = target ?? (pointed ? await pointed() : parsed.version);
      if (!version)
        return fail(
          'E_ALIAS_NOT_FOUND',
          `model "${name}" has no alias "${alias}" in ${tracker.location}: train and promote a model first`,
        );
      // A fixed version, so a move of the alias between the check and the download cannot mix versions.
      const dir = await resolveModelUri(`models:/${name}/${version}`, tracker, { cacheDir });
      return { dir, registryVersion: version };
    },
  };
}

async function applicationRows(dir: string, logger: CliLogger) {
  const data = await import('@credit/data');
  const tables = await data.loadKaggleDir(dir, { tables: ['application_train', 'application_test'], logger });
  const rows = new Map<number, Record<string, unknown>>();
  for (const t of [tables.application_train, tables.application_test]) {
    if (!t) continue;
    for (const row of t.objects() as Record<string, unknown>[]) rows.set(Number(row.SK_ID_CURR), row);
  }
  return rows;
}

interface ServeFlags {
  model: string;
  features: string;
  data?: string;
  port: string;
  host: string;
  trackingUri?: string;
  pollSeconds?: string;
  workers?: string;
}

/** `credit serve`: the scoring API and the dashboard on one port. */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .description(
      'serve the scoring API and the dashboard (a models:/ alias is polled and a move reloads the model; SIGHUP reloads it; SIGTERM/SIGINT stop)',
    )
    .requiredOption('--model <dir|uri>', 'model bundle folder or models:/credit-scoring@champion')
    .requiredOption('--features <dir>', 'folder with features.arrow + recipe.json (from credit features)')
    .option('--data <dir>', 'Kaggle-layout folder whose application rows back the client routes')
    .option('--port <n>', 'port (0 = any free port)', '8080')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--tracking-uri <uri>', 'MLflow tracking URI for models:/ URIs (default: MLFLOW_TRACKING_URI)')
    .option(
      '--poll-seconds <s>',
      'with models:/NAME@ALIAS, check the alias every s seconds and reload when it moves; 0 = off (default: config serve.pollSeconds, 30)',
    )
    .option(
      '--workers <n>',
      'server processes sharing the port, one per core for throughput (each holds the model and the client base in memory; rate limits count per process); 0 = one per CPU core (default: config serve.workers, 1)',
    )
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        await fail('E_BAD_PORT', `--port ${flags.port}: expected an integer from 0 to 65535`);
      const pollFlag = flags.pollSeconds === undefined ? undefined : Number(flags.pollSeconds);
      if (pollFlag !== undefined && !(Number.isFinite(pollFlag) && pollFlag >= 0))
        await fail('E_BAD_POLL', `--poll-seconds ${flags.pollSeconds}: expected a number of seconds >= 0`);
      const workersFlag = flags.workers === undefined ? undefined : Number(flags.workers);
      if (
        workersFlag !== undefined &&
        !(Number.isInteger(workersFlag) && workersFlag >= 0 && workersFlag <= 64)
      )
        await fail(
          'E_BAD_WORKERS',
          `--workers ${flags.workers}: expected an integer from 0 (one per core) to 64`,
        );
      const { loadConfig } = await import('../config/load.js');
      const serveConfig = loadConfig({
        root: ctx.root(),
        flags: {
          serve: {
            ...(pollFlag !== undefined ? { pollSeconds: pollFlag } : {}),
            ...(workersFlag !== undefined ? { workers: workersFlag } : {}),
          },
        },
      }).serve;
      const { pollSeconds } = serveConfig;
      const { availableParallelism } = await import('node:os');
      const workers = serveConfig.workers === 0 ? availableParallelism() : serveConfig.workers;
      const { serveProcess } = await import('../serve/process.js');
      await serveProcess(
        {
          root: ctx.root(),
          model: flags.model,
          features: flags.features,
          ...(flags.data ? { data: flags.data } : {}),
          port,
          host: flags.host,
          ...(flags.trackingUri ? { trackingUri: flags.trackingUri } : {}),
          pollSeconds,
          logger: ctx.logger,
        },
        workers,
        (url) =>
          process.stdout.write(
            `dashboard  ${url}/\napi docs   ${url}/docs\nhealth     ${url}/health/ready\n`,
          ),
      );
    });
}
