import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CommandContext } from '../cli/context.js';

interface TrainFlags {
  features: string;
  out?: string;
  config?: string;
  folds?: string;
  epochs?: string;
  seed?: string;
  excludeProtected?: boolean;
  dictionary?: string;
}

async function fail(code: string, message: string, cause?: unknown): Promise<never> {
  const { PipelineError } = await import('../errors.js');
  throw new PipelineError(code, message, { cause });
}

async function wholeNumber(flag: string, text: string | undefined, min: number): Promise<number | undefined> {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    await fail('E_BAD_OPTION', `${flag} must be a whole number >= ${min}, got "${text}"`);
  return value;
}

/** fieldInfo from Kaggle's column dictionary: a short description becomes the label, else the raw name. */
export async function fieldInfoFromDictionary(
  path: string | undefined,
): Promise<Record<string, { label: string; description: string }>> {
  if (!path || !existsSync(path)) return {};
  const { loadColumnDictionary } = await import('@credit/data');
  const info: Record<string, { label: string; description: string }> = {};
  for (const e of await loadColumnDictionary(path)) {
    if (info[e.row]) continue;
    const description = e.description.trim();
    info[e.row] = {
      label: description.length > 0 && description.length <= 50 ? description.replace(/\.$/, '') : e.row,
      description,
    };
  }
  return info;
}

async function gitCommit(root: string): Promise<string | null> {
  try {
    const { execFileSync } = await import('node:child_process');
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

/** `credit train`: CV + final fit on a feature table, writes the model bundle. */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('train')
    .description(
      'train the MLP (and the logistic baseline) with stratified CV and a business-cost threshold; write the model bundle',
    )
    .requiredOption('--features <dir>', 'folder with features.arrow + recipe.json (from credit features)')
    .option('--out <dir>', 'bundle folder (default: <root>/artifacts/model)')
    .option('--config <file>', 'training config JSON (default: training/configs/default.json values)')
    .option('--folds <k>', 'number of CV folds')
    .option('--epochs <n>', 'maximum epochs per fit')
    .option('--seed <n>', 'random seed')
    .option('--exclude-protected', 'train without CODE_GENDER (still reported in fairness)')
    .option('--dictionary <file>', 'HomeCredit_columns_description.csv for plain-language labels')
    .action(async (flags: TrainFlags) => {
      const root = ctx.root();
      const dir = resolve(flags.features);
      const arrowPath = join(dir, 'features.arrow');
      const recipePath = join(dir, 'recipe.json');
      if (!existsSync(arrowPath))
        await fail(
          'E_NO_FEATURES',
          `${arrowPath} not found: run \`credit features\` first or point --features at its output folder`,
        );
      let fileConfig: Record<string, unknown> = {};
      if (flags.config) {
        try {
          fileConfig = JSON.parse(await readFile(resolve(flags.config), 'utf8')) as Record<string, unknown>;
        } catch (error) {
          await fail(
            'E_BAD_CONFIG',
            `could not read training config ${flags.config} as JSON: ${(error as Error).message}`,
            error,
          );
        }
      }
      const folds = await wholeNumber('--folds', flags.folds, 2);
      const epochs = await wholeNumber('--epochs', flags.epochs, 1);
      const seed = await wholeNumber('--seed', flags.seed, 0);
      const mlp = { ...(fileConfig.mlp as object), ...(epochs ? { epochs } : {}) };
      const baseline = { ...(fileConfig.baseline as object), ...(epochs ? { epochs } : {}) };
      const config = {
        ...fileConfig,
        mlp,
        baseline,
        ...(folds ? { folds } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(flags.excludeProtected ? { excludeProtected: true } : {}),
      };

      const data = await import('@credit/data');
      const training = await import('@credit/training');
      const table = await data.readFeatureFile(arrowPath);
      const recipe = existsSync(recipePath) ? await data.readRecipeFile(recipePath) : undefined;
      const dictionary =
        flags.dictionary ??
        [
          join(dir, 'HomeCredit_columns_description.csv'),
          resolve(root, '..', 'shared', 'data', 'home-credit-sample', 'HomeCredit_columns_description.csv'),
        ].find((p) => existsSync(p));
      const started = Date.now();
      const result = await training.trainFromFeatureTable(table, {
        config,
        fieldOf: recipe ? data.fieldsOfFeatures(recipe) : {},
        // Plain labels for every feature (aggregates too), Kaggle's descriptions as the long text.
        fieldInfo: recipe
          ? data.featureLabels(recipe, await fieldInfoFromDictionary(dictionary))
          : await fieldInfoFromDictionary(dictionary),
        recipeHash: recipe?.hash ?? null,
        gitCommit: await gitCommit(root),
        logger: ctx.logger,
        onEpoch: (e) =>
          process.stderr.write(
            `fold ${e.fold} ${e.model.padEnd(8)} epoch ${String(e.epoch).padStart(2)}  loss ${e.loss.toFixed(4)}  val AUC ${Number.isNaN(e.valAuc) ? '-' : e.valAuc.toFixed(4)}\n`,
          ),
        onFold: (f) =>
          process.stderr.write(
            `fold ${f.fold} done: MLP AUC ${f.mlpAuc.toFixed(4)}, baseline AUC ${f.baselineAuc.toFixed(4)}, threshold ${f.threshold.toFixed(3)}, best epoch ${f.bestEpoch}\n`,
          ),
      });
      const out = flags.out ? resolve(flags.out) : join(root, 'artifacts', 'model');
      await training.saveBundle(out, result.model, {
        artifacts: result.artifacts,
        recipePath: recipe ? recipePath : undefined,
      });
      const row = (name: string, m: typeof result.metrics.mlp) =>
        `${name.padEnd(10)} ${m.rocAuc.toFixed(4).padStart(7)} ${m.prAuc.toFixed(4).padStart(7)} ${m.threshold.toFixed(3).padStart(9)} ${m.costPerClient.toFixed(4).padStart(13)} ${m.businessScore.toFixed(4).padStart(14)} ${m.recall.toFixed(3).padStart(6)} ${(m.crossFittedCostPerClient ?? Number.NaN).toFixed(4).padStart(12)}`;
      process.stdout.write(
        [
          `out-of-fold metrics (${result.metrics.mlp.rows} labelled rows, ${result.folds.length} folds, ${((Date.now() - started) / 1000).toFixed(1)} s, backend ${result.model.manifest.tfjsBackend})`,
          `${'model'.padEnd(10)} ${'ROC AUC'.padStart(7)} ${'PR AUC'.padStart(7)} ${'threshold'.padStart(9)} ${'cost/client'.padStart(13)} ${'business score'.padStart(14)} ${'recall'.padStart(6)} ${'cross-fitted'.padStart(12)}`,
          row('MLP', result.metrics.mlp),
          row('logistic', result.metrics.baseline),
          'cross-fitted: cost/client with each fold at the threshold chosen on the other folds (what the rule costs on clients it was not chosen on)',
          `bundle written to ${out}`,
          '',
        ].join('\n'),
      );
    });
}
