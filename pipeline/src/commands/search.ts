import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CommandContext } from '../cli/context.js';

interface SearchFlags {
  config: string;
  features: string;
  trials?: string;
  out?: string;
  tracking?: string;
  experiment: string;
}

async function fail(code: string, message: string, cause?: unknown): Promise<never> {
  const { PipelineError } = await import('../errors.js');
  throw new PipelineError(code, message, { cause });
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

/** `credit search`: hyperparameter search (one CV per trial) over the space declared in a config file. */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('search')
    .description(
      'hyperparameter search: cross-validate the MLP for each trial of a declared space, report each, keep the best by OOF AUC',
    )
    .requiredOption('--config <file>', 'search config, e.g. experiments/configs/search.json')
    .requiredOption('--features <dir>', 'folder with features.arrow (from credit features)')
    .option('--trials <n>', "number of trials (overrides the config's)")
    .option(
      '--out <dir>',
      'where search-report.json and best-config.json go (default: <root>/artifacts/search)',
    )
    .option(
      '--tracking [uri]',
      'log a parent run and one nested run per trial: an MLflow URL, or no value for MLFLOW_TRACKING_URI / the local tracker',
    )
    .option('--experiment <name>', 'tracking experiment', 'credit-scoring-search')
    .action(async (flags: SearchFlags & { tracking?: string | boolean }) => {
      const root = ctx.root();
      const configPath = resolve(flags.config);
      const arrowPath = join(resolve(flags.features), 'features.arrow');
      if (!existsSync(configPath))
        await fail(
          'E_NO_CONFIG',
          `${configPath} not found: pass a search config such as experiments/configs/search.json`,
        );
      if (!existsSync(arrowPath))
        await fail(
          'E_NO_FEATURES',
          `${arrowPath} not found: run \`credit features\` first or point --features at its output folder`,
        );
      let trials: number | undefined;
      if (flags.trials !== undefined) {
        trials = Number(flags.trials);
        if (!Number.isInteger(trials) || trials < 1)
          await fail('E_BAD_OPTION', `--trials must be a whole number >= 1, got "${flags.trials}"`);
      }

      const training = await import('@credit/training');
      const search = training.parseSearchConfig(await readFile(configPath, 'utf8'), flags.config);
      const data = await import('@credit/data');
      const table = await data.readFeatureFile(arrowPath);

      // Tracking only when asked: a parent run for the search, one child run per trial.
      let tracker: import('@credit/experiments').Tracker | undefined;
      let parentRunId: string | undefined;
      if (flags.tracking !== undefined) {
        const { createTracker } = await import('@credit/experiments');
        tracker = createTracker({
          trackingUri: typeof flags.tracking === 'string' ? flags.tracking : undefined,
          root: join(root, 'artifacts', 'tracking'),
          logger: ctx.logger,
        });
        parentRunId = await tracker.startRun({
          experiment: flags.experiment,
          runName: `search-${search.strategy}`,
          tags: { 'credit.kind': 'hyperparameter-search' },
        });
        await tracker.logParams(parentRunId, {
          strategy: search.strategy,
          seed: search.seed,
          trials: trials ?? search.trials ?? 'all',
          config_file: flags.config,
          space: JSON.stringify(search.space),
        });
      }

      const header = `${'trial'.padStart(5)}  ${'layers'.padEnd(9)} ${'dropout'.padStart(7)} ${'L2'.padStart(8)} ${'lr'.padStart(8)} ${'batch'.padStart(5)} ${'epochs'.padStart(6)}  ${'OOF AUC'.padStart(7)} ${'fold AUC'.padStart(8)} ${'cost/client'.padStart(11)} ${'threshold'.padStart(9)} ${'s'.padStart(6)}`;
      process.stdout.write(`${header}\n`);
      const started = Date.now();
      try {
        const report = await training.runSearch(table, search, {
          trials,
          logger: ctx.logger,
          onEpoch: (e) =>
            process.stderr.write(
              `trial ${e.trial} fold ${e.fold} epoch ${e.epoch} val AUC ${e.valAuc.toFixed(4)}\n`,
            ),
          onTrial: async (t) => {
            const mlp = {
              ...training.defaultTrainingConfig.mlp,
              ...(search.base.mlp as object | undefined),
              ...t.params,
            };
            const cell = (v: number | undefined, width: number, digits: number) =>
              (v === undefined ? '-' : v < 0.001 && v > 0 ? v.toExponential(1) : v.toFixed(digits)).padStart(
                width,
              );
            process.stdout.write(
              `${String(t.trial).padStart(5)}  ${(mlp.hiddenLayers?.join('-') ?? '-').padEnd(9)} ${cell(mlp.dropout, 7, 2)} ${cell(mlp.l2, 8, 4)} ${cell(mlp.learningRate, 8, 4)} ${String(mlp.batchSize ?? '-').padStart(5)} ${String(mlp.epochs ?? '-').padStart(6)}  ${t.oofAuc.toFixed(4).padStart(7)} ${t.meanFoldAuc.toFixed(4).padStart(8)} ${t.costPerClient.toFixed(4).padStart(11)} ${t.threshold.toFixed(3).padStart(9)} ${t.seconds.toFixed(1).padStart(6)}\n`,
            );
            if (tracker && parentRunId) {
              const child = await tracker.startRun({
                experiment: flags.experiment,
                runName: `trial-${t.trial}`,
                parentRunId,
                tags: { 'credit.kind': 'hyperparameter-trial' },
              });
              await tracker.logParams(
                child,
                Object.fromEntries(
                  Object.entries(t.params).map(([k, v]) => [`mlp.${k}`, Array.isArray(v) ? v.join('-') : v]),
                ),
              );
              await tracker.logMetrics(child, [
                { key: 'val_auc', value: t.oofAuc },
                { key: 'mean_fold_auc', value: t.meanFoldAuc },
                { key: 'val_business_cost', value: t.costPerClient },
                { key: 'threshold', value: t.threshold },
                { key: 'business_score', value: t.businessScore },
                { key: 'seconds', value: t.seconds },
                ...t.bestEpochs.map((e, fold) => ({ key: 'fold_best_epoch', value: e, step: fold })),
              ]);
              await tracker.endRun(child, 'FINISHED');
            }
          },
        });

        const out = flags.out ? resolve(flags.out) : join(root, 'artifacts', 'search');
        await mkdir(out, { recursive: true });
        await writeAtomically(join(out, 'search-report.json'), `${JSON.stringify(report, null, 2)}\n`);
        await writeAtomically(
          join(out, 'best-config.json'),
          `${JSON.stringify(report.bestConfig, null, 2)}\n`,
        );
        const best = report.trials[report.best - 1]!;
        process.stdout.write(
          [
            `best: trial ${best.trial} (OOF AUC ${best.oofAuc.toFixed(4)}, cost/client ${best.costPerClient.toFixed(4)}), ${report.trials.length} trials x ${report.folds} folds in ${((Date.now() - started) / 1000).toFixed(1)} s`,
            `report: ${join(out, 'search-report.json')}`,
            `best parameters: ${join(out, 'best-config.json')} (use: credit train --config ${join(out, 'best-config.json')})`,
            '',
          ].join('\n'),
        );
        if (tracker && parentRunId) {
          await tracker.logMetrics(parentRunId, [
            { key: 'best_val_auc', value: best.oofAuc },
            { key: 'best_val_business_cost', value: best.costPerClient },
            { key: 'best_trial', value: best.trial },
          ]);
          await tracker.logArtifact(parentRunId, join(out, 'search-report.json'));
          await tracker.logArtifact(parentRunId, join(out, 'best-config.json'));
          await tracker.endRun(parentRunId, 'FINISHED');
          process.stdout.write(`tracked: run ${parentRunId} (${tracker.location})\n`);
        }
      } catch (error) {
        if (tracker && parentRunId) await tracker.endRun(parentRunId, 'FAILED').catch(() => {});
        throw error;
      }
    });
}
