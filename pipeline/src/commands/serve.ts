import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
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
  logger: CliLogger;
}

export interface RunningServer {
  url: string;
  /** Loads the bundle again and swaps it in atomically; the old one serves until the swap. */
  reload(): Promise<string>;
  /** Stops accepting, waits for requests in flight, flushes the decision log, closes the store. */
  close(): Promise<void>;
}

async function fail(code: string, message: string): Promise<never> {
  const { PipelineError } = await import('../errors.js');
  throw new PipelineError(code, message);
}

/** Opens everything the API needs and listens; `credit run` calls this too. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { logger, root } = options;
  const featuresDir = resolve(options.features);
  const arrowPath = join(featuresDir, 'features.arrow');
  const recipePath = join(featuresDir, 'recipe.json');
  for (const p of [arrowPath, recipePath])
    if (!existsSync(p))
      await fail('E_NO_FEATURES', `${p} not found: run credit features --out ${featuresDir}`);

  const data = await import('@credit/data');
  const training = await import('@credit/training');
  const serving = await import('@credit/serving');
  const dashboard = await import('@credit/dashboard');

  const modelDir = await resolveModelDir(options);
  const loadModel = async () =>
    serving.bundleScoringModel(await training.loadBundle(modelDir, logger), {
      importance: await importanceReport(modelDir),
    });
  let model = await loadModel();
  const [table, recipe] = await Promise.all([
    data.readFeatureFile(arrowPath),
    data.readRecipeFile(recipePath),
  ]);
  const applications = options.data ? await applicationRows(resolve(options.data), logger) : undefined;
  const clients = serving.featureClientBase({
    table,
    recipe,
    featureNames: () => model.featureNames,
    ...(applications ? { applications } : {}),
  });
  // Fail now, not on the first request, when the model needs a feature the table lacks.
  await checkFeatures(model.featureNames, table.names);

  if (!dashboard.isDashboardBuilt()) {
    logger.info('building the dashboard (first start)');
    await dashboard.buildDashboard();
  }
  const store = await data.openStore({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: join(root, 'artifacts', 'store'),
  });
  const served = serving.createApp({
    store,
    model: () => model,
    clients,
    staticDir: dashboard.dashboardStaticDir,
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

  let closing: Promise<void> | undefined;
  return {
    url,
    async reload() {
      const next = await loadModel();
      await checkFeatures(next.featureNames, table.names);
      model = next; // one assignment: each request reads either the old or the new model, never a mix
      return next.version;
    },
    close() {
      closing ??= (async () => {
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

async function resolveModelDir(options: ServeOptions): Promise<string> {
  if (!options.model.startsWith('models:/')) {
    const dir = resolve(options.model);
    if (!existsSync(join(dir, 'manifest.json')))
      await fail('E_NO_MODEL', `${dir} is not a model bundle (no manifest.json): run credit train first`);
    return dir;
  }
  const { createTracker, resolveModelUri } = await import('@credit/experiments');
  const tracker = createTracker({
    trackingUri: options.trackingUri,
    root: join(options.root, 'artifacts', 'tracking'),
    logger: options.logger,
  });
  return resolveModelUri(options.model, tracker, {
    cacheDir: join(options.root, 'artifacts', 'model-cache'),
  });
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
}

/** `credit serve`: the scoring API and the dashboard on one port. */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .description('serve the scoring API and the dashboard (SIGHUP reloads the model, SIGTERM/SIGINT stop)')
    .requiredOption('--model <dir|uri>', 'model bundle folder or models:/credit-scoring@champion')
    .requiredOption('--features <dir>', 'folder with features.arrow + recipe.json (from credit features)')
    .option('--data <dir>', 'Kaggle-layout folder whose application rows back the client routes')
    .option('--port <n>', 'port (0 = any free port)', '8080')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--tracking-uri <uri>', 'MLflow tracking URI for models:/ URIs (default: MLFLOW_TRACKING_URI)')
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        await fail('E_BAD_PORT', `--port ${flags.port}: expected an integer from 0 to 65535`);
      const running = await startServer({
        root: ctx.root(),
        model: flags.model,
        features: flags.features,
        ...(flags.data ? { data: flags.data } : {}),
        port,
        host: flags.host,
        ...(flags.trackingUri ? { trackingUri: flags.trackingUri } : {}),
        logger: ctx.logger,
      });
      process.stdout.write(
        `dashboard  ${running.url}/\napi docs   ${running.url}/docs\nhealth     ${running.url}/health/ready\n`,
      );
      const stop = (signal: string) => {
        ctx.logger.info('stopping', { signal });
        running.close().then(
          () => process.exit(0),
          (e: unknown) => {
            ctx.logger.error('shutdown failed', { error: String(e) });
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      process.on('SIGHUP', () => {
        running.reload().then(
          (version) => ctx.logger.info('model reloaded', { version }),
          (e: unknown) =>
            ctx.logger.error('reload failed; the previous model keeps serving', { error: String(e) }),
        );
      });
    });
}
