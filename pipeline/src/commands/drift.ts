import type { Command } from 'commander';
import { basename, resolve } from 'node:path';
import type { CommandContext } from '../cli/context.js';
import { ExitCode } from '../cli/exit-code.js';

interface DriftOptions {
  reference?: string;
  current: string;
  out: string;
  model?: string;
  config?: string;
  method?: string;
  since?: string;
  until?: string;
  failOnDrift: boolean;
}

/** `credit drift`: reference vs current -> drift.json, report.html, summary.png; exit 2 on a drift alert. */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('drift')
    .description('compare current data with the reference population: drift.json, report.html, summary.png')
    .option(
      '--reference <path>',
      "features.arrow or Kaggle folder (default: the model bundle's reference sample)",
    )
    .requiredOption('--current <path>', "features.arrow, Kaggle folder, or 'log' for the decision log")
    .option('--out <dir>', 'output folder', 'artifacts/drift')
    .option('--model <dir>', 'model bundle: feature list, importance, recipe.json')
    .option('--config <file>', 'thresholds (default monitoring/config/drift.json)')
    .option('--method <name>', 'default | evidently')
    .option('--since <iso>', 'with --current log: first decision time')
    .option('--until <iso>', 'with --current log: last decision time')
    .option('--fail-on-drift', 'exit 2 when there is a drift alert', true)
    .option('--no-fail', 'exit 0 even on a drift alert')
    .action(async (opts: DriftOptions & { fail?: boolean }) => {
      const m = await import('@credit/monitoring');
      const log = ctx.logger;
      const root = ctx.root();
      const overrides = opts.method ? { method: opts.method as 'default' | 'evidently' } : {};
      if (opts.method && opts.method !== 'default' && opts.method !== 'evidently')
        throw new m.MonitoringError('E_DRIFT_METHOD', `--method ${opts.method}: use default or evidently`);
      const config = m.loadDriftConfig(opts.config ? resolve(root, opts.config) : undefined, overrides);
      const bundle = opts.model ? m.readBundleInfo(resolve(root, opts.model)) : undefined;
      const onStep = (s: string) => log.info(s);
      const refPath = opts.reference ? resolve(root, opts.reference) : bundle?.referencePath;
      if (!refPath)
        throw new m.MonitoringError(
          'E_DRIFT_INPUT',
          '--reference is required when the model bundle holds no reference sample',
        );
      let reference = await m.loadDriftTable(refPath, 'reference', {
        recipePath: bundle?.recipePath,
        onStep,
      });
      if (bundle) reference = m.restrictTo(reference, bundle.featureNames);
      let current;
      let currentPredictions: Float64Array | undefined;
      let referencePredictions: Float64Array | undefined;
      if (opts.current === 'log') {
        const window = {
          since: parseDate(m, '--since', opts.since),
          until: parseDate(m, '--until', opts.until),
        };
        // The embedded store takes one process at a time: refused while `credit serve` holds it.
        const { lockEmbeddedStore } = await import('../store/open-decision-store.js');
        const release = lockEmbeddedStore({ root, command: 'credit drift', logger: log });
        let logTable;
        try {
          logTable = await m.loadDecisionLog(reference.names, window, { root });
        } finally {
          release?.();
        }
        current = logTable;
        currentPredictions = logTable.predictions;
        log.info(`read ${logTable.target.length} decisions from the ${logTable.source}`, {
          modelVersions: logTable.modelVersions.join(', '),
        });
        if (logTable.leftOut > 0)
          log.warn(
            `${logTable.leftOut} decision(s) inside the window were committed while it was read; the oldest were left out (run again to include them)`,
          );
        // Prediction drift: the served probabilities against the model's scores on the reference.
        if (opts.model) {
          onStep('scoring the reference with the model (prediction drift)');
          referencePredictions = await scoreColumns(resolve(root, opts.model), reference.columns, log);
        }
      } else {
        current = await m.loadDriftTable(resolve(root, opts.current), 'current', {
          recipePath: bundle?.recipePath,
          onStep,
        });
        if (bundle) current = m.restrictTo(current, bundle.featureNames);
      }
      log.info(`comparing ${reference.names.length} features`, {
        referenceRows: reference.target.length,
        currentRows: current.target.length,
        method: config.method,
      });
      let lastTenth = 0;
      // Per-feature work on every core (worker threads); the same figures as computeDrift.
      const report = await m.computeDriftParallel(
        {
          reference,
          current,
          importance: bundle?.importance,
          referenceTarget: reference.target,
          currentTarget: current.target,
          referencePredictions,
          currentPredictions,
          config,
          onProgress: (done, total) => {
            const tenth = Math.floor((10 * done) / total);
            if (tenth > lastTenth) log.info(`drift ${done}/${total} features`);
            lastTenth = tenth;
          },
        },
        {
          onThreads: (n) => log.info(`drift computed in ${n} worker threads`),
          onFallback: (reason) => log.info(`drift computed in the main thread (${reason})`),
        },
      );
      const out = resolve(root, opts.out);
      const written = await m.writeDriftReport(
        report,
        out,
        `Drift report: ${basename(opts.current)} vs ${basename(refPath)}`,
      );
      const s = report.summary;
      log.info(
        `${s.alert ? 'DRIFT ALERT' : 'no drift alert'}: ${s.driftedFeatures}/${s.features} features drifted (${(100 * s.driftedShare).toFixed(1)}%)` +
          (s.weightedDriftedShare !== null
            ? `, importance-weighted ${(100 * s.weightedDriftedShare).toFixed(1)}%`
            : '') +
          (s.topDrifted.length ? `; top: ${s.topDrifted.slice(0, 5).join(', ')}` : ''),
      );
      log.info(`wrote ${written.json}, ${written.html}, ${written.png}`);
      if (s.alert && opts.fail !== false) process.exitCode = ExitCode.alert;
    });
}

/** Probabilities of the bundle on columns in its feature order, in row blocks (bounded memory). */
async function scoreColumns(
  modelDir: string,
  columns: Float64Array[],
  log: CommandContext['logger'],
): Promise<Float64Array> {
  const { loadBundle } = await import('@credit/training');
  const model = await loadBundle(modelDir, log);
  const n = columns[0]?.length ?? 0;
  const out = new Float64Array(n);
  const block = 16384;
  for (let start = 0; start < n; start += block) {
    const end = Math.min(n, start + block);
    out.set(model.predictColumns(columns.map((c) => c.subarray(start, end))), start);
  }
  return out;
}

function parseDate(
  m: { MonitoringError: new (c: string, msg: string) => Error },
  flag: string,
  v?: string,
): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime()))
    throw new m.MonitoringError(
      'E_DRIFT_WINDOW',
      `${flag} ${v} is not an ISO date (e.g. 2026-11-01T00:00:00Z)`,
    );
  return d;
}
