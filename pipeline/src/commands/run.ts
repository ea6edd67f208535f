/**
 * `credit run`: the main job, end to end.
 *
 *   data (data/raw Kaggle files, else a synthetic set) -> validate -> features -> train (CV, threshold,
 *   explanations) -> track + register challenger + promotion gate -> drift report -> serve API + dashboard
 *
 * Every stage's output is keyed by its inputs' hash under artifacts/run/, so a re-run reuses what is
 * already built (`--force` rebuilds). Stages print their own progress; a summary closes the job.
 */
import type { Command } from 'commander';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandContext } from '../cli/context.js';
import { PipelineError } from '../errors.js';
import { loadConfig } from '../config/load.js';
import { runStage } from '../run/stage-cache.js';

interface RunFlags {
  config?: string;
  force?: boolean;
  serve: boolean;
  port?: string;
  folds?: string;
  epochs?: string;
  clients?: string;
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('run')
    .description(
      'run every stage (data, validate, features, train, track, drift) then serve the API and dashboard',
    )
    .option('--config <file>', 'config file (default: credit.config.json at the root, if present)')
    .option('--force', 'rebuild every stage even when its inputs did not change')
    .option('--no-serve', 'stop after the drift report instead of serving')
    .option('--port <n>', 'API and dashboard port (overrides PORT and the config file)')
    .option('--folds <k>', 'CV folds (overrides the config file)')
    .option('--epochs <n>', 'maximum epochs (overrides the config file)')
    .option('--clients <n>', 'synthetic clients when data/raw has no Kaggle files')
    .action(async (flags: RunFlags) => {
      await runAll(flags, ctx);
    });
}

function intFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n))
    throw new PipelineError('E_CONFIG', `--${name} must be a whole number, got "${text}"`);
  return n;
}

async function runAll(flags: RunFlags, ctx: CommandContext): Promise<void> {
  const root = ctx.root();
  const log = ctx.logger;
  const config = loadConfig({
    root,
    file: flags.config,
    flags: {
      serve: flags.port !== undefined ? { port: intFlag('port', flags.port)! } : undefined,
      training: {
        ...(flags.folds !== undefined ? { folds: intFlag('folds', flags.folds)! } : {}),
        ...(flags.epochs !== undefined ? { epochs: intFlag('epochs', flags.epochs)! } : {}),
      },
      synth: flags.clients !== undefined ? { clients: intFlag('clients', flags.clients)! } : undefined,
    },
  });
  const artifacts = resolve(root, config.artifactsDir);
  const stagesDir = join(artifacts, 'run');
  const force = Boolean(flags.force);
  const started = performance.now();
  const summary: string[][] = [];
  const note = (stage: string, reused: boolean, seconds: number, what: string) => {
    summary.push([stage, reused ? 'reused' : `${seconds.toFixed(1)} s`, what]);
    log.info(`[${stage}] ${reused ? 'reused' : 'done'}: ${what}`);
  };

  // 1. Data: Kaggle files when present, else a synthetic set made on the fly.
  const rawDir = resolve(root, config.dataDir);
  const hasKaggle = ['application_train.csv', 'application_train.csv.gz'].some((f) =>
    existsSync(join(rawDir, f)),
  );
  let dataDir = rawDir;
  if (hasKaggle) {
    note('data', true, 0, `Kaggle files in ${rawDir}`);
  } else {
    log.info(`[data] no Kaggle files in ${rawDir}: making a synthetic set`);
    const { synthesizeKaggleDir } = await import('@credit/data');
    const stage = await runStage({
      stage: 'synthetic',
      parentDir: stagesDir,
      inputs: { ...config.synth, generator: 1 },
      force,
      produce: async (dir) => {
        const s = await synthesizeKaggleDir({ outDir: dir, ...config.synth });
        return { rows: s.files.reduce((n, f) => n + f.rows, 0) };
      },
    });
    dataDir = stage.dir;
    note(
      'data',
      stage.reused,
      stage.record.seconds,
      `${stage.record.result.rows} synthetic rows in ${dataDir}`,
    );
  }
  const dataHash = directoryFingerprint(dataDir);

  // 2. Validate: errors stop the job, warnings are counted.
  const { validateKaggleDir } = await import('@credit/data');
  const validation = await validateKaggleDir(dataDir, { logger: log });
  if (validation.errors > 0)
    throw new PipelineError(
      'E_INVALID_DATA',
      `${dataDir} has ${validation.errors} data errors: run \`credit data validate --data ${dataDir}\` for the list`,
    );
  note('validate', false, 0, `${validation.warnings} warnings, 0 errors`);

  // 3. Features.
  const { runFeatures } = await import('./features.js');
  const features = await runStage({
    stage: 'features',
    parentDir: stagesDir,
    inputs: { dataHash, recipe: 1, features: config.features },
    force,
    produce: async (dir) => {
      const s = await runFeatures(
        {
          data: dataDir,
          out: dir,
          derivedFeatures: config.features.derived,
          loanTerms: config.features.loanTerms,
        },
        ctx,
      );
      return { rows: s.rows, columns: s.columns };
    },
  });
  note(
    'features',
    features.reused,
    features.record.seconds,
    `${features.record.result.rows} rows x ${features.record.result.columns} columns`,
  );

  // 4. Train (CV, threshold, explanations, fairness) -> model bundle.
  const { main } = await import('../cli/main.js');
  const training = config.training;
  const model = await runStage({
    stage: 'model',
    parentDir: stagesDir,
    inputs: { features: features.record.inputsHash, training },
    force,
    produce: async (dir) => {
      const args = ['train', '--features', features.dir, '--out', join(dir, 'bundle')];
      args.push(
        '--folds',
        String(training.folds),
        '--epochs',
        String(training.epochs),
        '--seed',
        String(training.seed),
      );
      if (training.excludeProtected) args.push('--exclude-protected');
      const code = await main(['node', 'credit', '--root', root, ...args], log);
      if (code !== 0)
        throw new PipelineError('E_STAGE', `training failed (exit ${code}): see the messages above`);
      const manifest = JSON.parse(readFileSync(join(dir, 'bundle', 'manifest.json'), 'utf8'));
      return { auc: manifest.metrics.mlp.rocAuc as number, threshold: manifest.threshold as number };
    },
  });
  const bundleDir = join(model.dir, 'bundle');
  note(
    'train',
    model.reused,
    model.record.seconds,
    `MLP OOF AUC ${model.record.result.auc.toFixed(4)}, threshold ${model.record.result.threshold.toFixed(3)}`,
  );

  // 5. Track, register the challenger, promotion gate. Tracking never fails the job; a reused model
  // was tracked when it was built, so it is not logged twice.
  if (model.reused) note('track', true, 0, 'model unchanged: already tracked');
  else
    try {
      const trackStarted = performance.now();
      const { createTracker } = await import('@credit/experiments');
      const { trackBundle } = await import('../run/track-bundle.js');
      const tracker = createTracker({
        trackingUri: config.tracking.uri,
        root: join(artifacts, 'tracking'),
        logger: log,
      });
      const tracked = await trackBundle(tracker, bundleDir, {
        experiment: config.tracking.experiment,
        modelName: config.tracking.modelName,
      });
      note(
        'track',
        false,
        (performance.now() - trackStarted) / 1000,
        `run ${tracked.runId}, ${config.tracking.modelName} v${tracked.modelVersion}; ${tracked.promotion.explanation}`,
      );
    } catch (error) {
      log.warn(`[track] tracking failed, the model is still in ${bundleDir}: ${(error as Error).message}`);
      summary.push(['track', 'failed', (error as Error).message]);
    }

  // 6. Drift: the training population against the later (application_test) population.
  const driftDir = join(artifacts, 'reports', 'drift');
  const driftStarted = performance.now();
  const driftCode = await main(
    [
      'node',
      'credit',
      '--root',
      root,
      'drift',
      '--reference',
      join(features.dir, 'features.arrow'),
      '--current',
      dataDir,
      '--model',
      bundleDir,
      '--out',
      driftDir,
      '--no-fail',
    ],
    log,
  );
  if (driftCode !== 0)
    throw new PipelineError('E_STAGE', `drift report failed (exit ${driftCode}): see the messages above`);
  note('drift', false, (performance.now() - driftStarted) / 1000, `${join(driftDir, 'report.html')}`);

  const minutes = (performance.now() - started) / 60000;
  process.stdout.write(
    `\ncredit run: ${minutes.toFixed(1)} min\n${formatTable([['stage', 'time', 'result'], ...summary])}\n`,
  );
  process.stdout.write(`drift report: ${join(driftDir, 'report.html')}\n`);

  // 7. Serve the API and the dashboard (runs until Ctrl-C / SIGTERM).
  if (!flags.serve) return;
  const { ensureDemoAdvisor, DEMO_ADVISOR } = await import('../run/demo-advisor.js');
  const password = await ensureDemoAdvisor(ctx);
  process.stdout.write(
    password
      ? `demo advisor: user "${DEMO_ADVISOR}", password "${password}" (shown once; stored hashed)\n`
      : `demo advisor: user "${DEMO_ADVISOR}" (password shown on the first run; add another with \`credit users add\`)\n`,
  );
  const serveCode = await main(
    [
      'node',
      'credit',
      '--root',
      root,
      'serve',
      '--model',
      bundleDir,
      '--features',
      features.dir,
      '--data',
      dataDir,
      '--host',
      config.serve.host,
      '--port',
      String(config.serve.port),
    ],
    log,
  );
  if (serveCode !== 0) throw new PipelineError('E_STAGE', `serving failed (exit ${serveCode})`);
}

/** Names, sizes and modification times of a data folder's files: cheap, and changes when a file does. */
function directoryFingerprint(dir: string): string {
  return readdirSync(dir)
    .filter((f: string) => /\.csv(\.gz)?$/.test(f))
    .sort()
    .map((f: string) => {
      const s = statSync(join(dir, f));
      return `${f}:${s.size}:${s.mtimeMs}`;
    })
    .join('|');
}

function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '))
    .join('\n');
}
