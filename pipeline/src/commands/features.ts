import type { Command } from 'commander';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandContext } from '../cli/context.js';
import { PipelineError } from '../errors.js';

export interface FeaturesOptions {
  data: string;
  out: string;
  recipe?: string;
  /** Add the optional derived group after the recipe's columns (docs/features.md); a --recipe decides alone. */
  derivedFeatures?: boolean;
  /** Add the optional loan-terms group (estimated loan length and interest rate); a --recipe decides alone. */
  loanTerms?: boolean;
}

/** Per-group timings and the shape of what was written, printed at the end and returned for tests. */
export interface FeaturesSummary {
  rows: number;
  columns: number;
  loadSeconds: number;
  groups: { group: string; columns: number; seconds: number }[];
  featuresFile: string;
  recipeFile: string;
  recipeHash: string;
  /** Optional groups the recipe has (empty: the public recipe alone). */
  extraGroups: string[];
  warnings: string[];
}

/**
 * `credit features`: Kaggle-layout directory -> features.arrow + recipe.json.
 *
 *   load tables (progress per table) -> build features (fit the recipe, or apply --recipe)
 *   -> write features.arrow and recipe.json (temporary files, then rename) -> summary
 *
 * Without --derived-features / --loan-terms the columns are the public recipe's alone (what parity is
 * checked on); `credit run` turns the groups on (config `features.derived`, `features.loanTerms`).
 */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('features')
    .description('build the feature table (kernel recipe) from a Kaggle-layout directory')
    .requiredOption('--data <dir>', 'directory with the Kaggle CSV files (.csv or .csv.gz)')
    .requiredOption('--out <dir>', 'directory to write features.arrow and recipe.json into')
    .option(
      '--recipe <file>',
      'apply this fitted recipe.json instead of fitting one (same columns, same order)',
    )
    .option(
      '--derived-features',
      'add the optional "derived" group (16 combinations of the recipe columns) after the recipe columns; with --recipe, the recipe must have it',
    )
    .option(
      '--loan-terms',
      'add the optional "loan-terms" group (estimated number of payments and yearly interest rate of the loan, learnt from previous cash loans); with --recipe, the recipe must have it',
    )
    .action(async (opts: FeaturesOptions) => {
      const summary = await runFeatures(opts, ctx);
      printSummary(summary);
    });
}

export async function runFeatures(opts: FeaturesOptions, ctx: CommandContext): Promise<FeaturesSummary> {
  const data = resolve(ctx.root(), opts.data);
  const out = resolve(ctx.root(), opts.out);
  if (!existsSync(data) || !statSync(data).isDirectory())
    throw new PipelineError(
      'FEATURES_DATA_DIR',
      `--data ${data} is not a directory; give the folder holding the Kaggle CSV files.`,
    );
  const { buildFeatures, loadKaggleDir, readRecipeFile, writeFeatureFile, writeRecipeFile } =
    await import('@credit/data');
  const log = ctx.logger;
  const recipe = opts.recipe ? await readRecipeFile(resolve(ctx.root(), opts.recipe)) : undefined;

  // 1. Load, with progress per table.
  const started = performance.now();
  let lastShown = 0;
  const tables = await loadKaggleDir(data, {
    logger: log,
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastShown < 5000) return;
      lastShown = now;
      log.info(`loading ${p.table}`, { rows: p.rows, megabytes: Math.round(p.bytes / 1e6) });
    },
  });
  const loadSeconds = (performance.now() - started) / 1000;
  if (!tables.application_train && !tables.application_test)
    throw new PipelineError(
      'FEATURES_NO_APPLICATION',
      `No application_train.csv or application_test.csv (.gz) in ${data}; the feature table has one row per application.`,
    );

  // 2. Build, with progress per feature group.
  const groups: FeaturesSummary['groups'] = [];
  const asked = extraGroupsAsked(opts);
  const built = buildFeatures(tables, recipe, {
    ...(asked.length > 0 ? { extraGroups: asked } : {}),
    logger: log,
    onProgress: (p) => {
      groups.push({ group: p.group, columns: p.columns, seconds: p.seconds });
      log.info(`features ${p.group}`, { columns: p.columns, seconds: Number(p.seconds.toFixed(2)) });
    },
  });
  for (const name of Object.keys(tables)) delete tables[name as keyof typeof tables]; // free the inputs before writing

  // 3. Write both files atomically.
  mkdirSync(out, { recursive: true });
  const featuresFile = join(out, 'features.arrow');
  const recipeFile = join(out, 'recipe.json');
  await writeFeatureFile(featuresFile, built.table);
  await writeRecipeFile(recipeFile, built.recipe);
  return {
    rows: built.table.ids.length,
    columns: built.table.names.length,
    loadSeconds,
    groups,
    featuresFile,
    recipeFile,
    recipeHash: built.recipe.hash,
    extraGroups: built.recipe.extraGroups ?? [],
    warnings: built.warnings,
  };
}

function printSummary(s: FeaturesSummary): void {
  const lines = [
    `features: ${s.rows} rows x ${s.columns} features -> ${s.featuresFile}`,
    `recipe:   ${s.recipeFile} (hash ${s.recipeHash.slice(0, 12)}; optional groups: ${s.extraGroups.join(', ') || 'none'})`,
    `load      ${s.loadSeconds.toFixed(1)} s`,
    ...s.groups.map(
      (g) =>
        `${g.group.padEnd(22)} ${String(g.columns).padStart(4)} columns ${g.seconds.toFixed(1).padStart(7)} s`,
    ),
  ];
  if (s.warnings.length > 0) lines.push(`${s.warnings.length} warning(s): see above`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The optional groups the flags ask for (none asked: a --recipe decides, or the public recipe alone). */
function extraGroupsAsked(opts: FeaturesOptions): ('derived' | 'loan-terms')[] {
  return [
    ...(opts.derivedFeatures ? ['derived' as const] : []),
    ...(opts.loanTerms ? ['loan-terms' as const] : []),
  ];
}
