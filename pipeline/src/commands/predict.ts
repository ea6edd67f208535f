import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { CommandContext } from '../cli/context.js';

interface PredictFlags {
  model: string;
  data: string;
  out: string;
}

async function fail(code: string, message: string): Promise<never> {
  const { PipelineError } = await import('../errors.js');
  throw new PipelineError(code, message);
}

/** `credit predict`: Kaggle-layout tables -> features with the bundle's recipe -> SK_ID_CURR,probability,decision. */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('predict')
    .description(
      'score Kaggle-layout tables with a model bundle; write SK_ID_CURR,probability,decision as CSV',
    )
    .requiredOption('--model <dir>', 'model bundle folder (from credit train)')
    .requiredOption('--data <dir>', 'folder with application_test.csv (or _train) and any history tables')
    .requiredOption('--out <file>', 'output CSV')
    .action(async (flags: PredictFlags) => {
      const modelDir = resolve(flags.model);
      const recipePath = join(modelDir, 'recipe.json');
      if (!existsSync(recipePath))
        await fail(
          'E_NO_RECIPE',
          `${recipePath} not found: the bundle must carry the recipe its features were built with (train from a credit features folder)`,
        );
      const data = await import('@credit/data');
      const training = await import('@credit/training');
      const model = await training.loadBundle(modelDir, ctx.logger);
      const recipe = await data.readRecipeFile(recipePath);
      if (recipe.hash !== model.manifest.recipeHash)
        ctx.logger.warn('recipe hash differs from the manifest', {
          recipe: recipe.hash,
          manifest: model.manifest.recipeHash,
        });
      const tables = await data.loadKaggleDir(resolve(flags.data), { logger: ctx.logger });
      if (!tables.application_test && !tables.application_train)
        await fail(
          'E_NO_APPLICATIONS',
          `no application_test.csv or application_train.csv (.csv.gz) in ${flags.data}`,
        );
      const { table, warnings } = data.buildFeatures(tables, recipe, { logger: ctx.logger });
      const byName = new Map(table.names.map((n, i) => [n, table.columns[i]!]));
      const missing = model.manifest.featureNames.filter((n) => !byName.has(n));
      if (missing.length > 0)
        ctx.logger.warn('features absent from the data are scored as missing', {
          count: missing.length,
          first: missing.slice(0, 5),
        });
      const rows = table.ids.length;
      const columns = model.manifest.featureNames.map(
        (n) => byName.get(n) ?? new Float64Array(rows).fill(Number.NaN),
      );
      const p = model.predictColumns(columns);
      const lines = ['SK_ID_CURR,probability,decision'];
      for (let i = 0; i < rows; i++) lines.push(`${table.ids[i]},${p[i]!.toFixed(6)},${model.decide(p[i]!)}`);
      const out = resolve(flags.out);
      await mkdir(dirname(out), { recursive: true });
      const tmp = `${out}.tmp-${process.pid}`;
      await writeFile(tmp, `${lines.join('\n')}\n`);
      await rename(tmp, out);
      const refused = Array.from(p).filter((v) => model.decide(v) === 'refuse').length;
      process.stdout.write(
        `${rows} clients scored (${refused} refused at threshold ${model.manifest.threshold.toFixed(3)}), ${warnings.length} warnings -> ${out}\n`,
      );
    });
}
