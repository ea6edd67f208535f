/**
 * Batch features.
 *
 *   Arquero tables -> frames -> recipe (fitted here, or given) -> application group (rows, ids)
 *                  -> each history group (group-by kernel + left join on SK_ID_CURR) -> FeatureTable
 *
 * The online path (online.ts) runs the same `computeFeatures` on one client's rows.
 */
import type { ColumnTable } from 'arquero';
import { DataError } from '../errors.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import type { FeatureTable } from './feature-table.js';
import type { RecipeOptions } from './fit.js';
import { fitRecipeFromFrames } from './fit.js';
import type { Frame } from './frame.js';
import { frameFromTable } from './frame.js';
import { applicationGroup, stackApplications } from './groups/application.js';
import type { Frames } from './groups/group.js';
import { columnsByName } from './groups/group.js';
import { extraGroupsOf, normaliseExtraGroups } from './groups/extra.js';
import { FEATURE_GROUPS } from './groups/index.js';
import type { FeatureRecipe, RecipeTable, SourceTable } from './recipe.js';
import { SOURCE_TABLES } from './recipe.js';

export type SourceTables = Partial<Record<SourceTable, ColumnTable>>;

export interface GroupProgress {
  group: string;
  /** Wall time of this group, in seconds. */
  seconds: number;
  columns: number;
}

export interface BuildOptions extends RecipeOptions {
  logger?: Logger;
  /** Called after each feature group (application, bureau, ...). */
  onProgress?: (p: GroupProgress) => void;
}

export interface BuildResult {
  table: FeatureTable;
  recipe: FeatureRecipe;
  warnings: string[];
}

export function fitRecipe(tables: SourceTables, options: RecipeOptions = {}): FeatureRecipe {
  return fitRecipeFromFrames(toFrames(tables), options);
}

export function buildFeatures(
  tables: SourceTables,
  recipe?: FeatureRecipe,
  options: BuildOptions = {},
): BuildResult {
  const logger = options.logger ?? silentLogger;
  const frames = toFrames(tables);
  if (recipe && options.extraGroups) checkSameGroups(recipe, options.extraGroups);
  const fitted = recipe ?? fitRecipeFromFrames(frames, options);
  const warnings = checkColumns(frames, fitted);
  const warn = (m: string) => {
    if (!warnings.includes(m)) warnings.push(m);
  };
  const table = computeFeatures(frames, fitted, { dropXna: true, warn, onProgress: options.onProgress });
  for (const w of warnings) logger.warn(w);
  return { table, recipe: fitted, warnings };
}

export interface ComputeOptions {
  dropXna: boolean;
  warn: (message: string) => void;
  onProgress?: (p: GroupProgress) => void;
}

/** The one code path of batch and online features. */
export function computeFeatures(
  frames: Frames,
  recipe: FeatureRecipe,
  options: ComputeOptions,
): FeatureTable {
  const t0 = performance.now();
  const app = applicationGroup.compute(stackApplications(frames), recipe, options.dropXna);
  const columns = app.columns;
  options.onProgress?.({
    group: 'application',
    seconds: (performance.now() - t0) / 1000,
    columns: columns.length,
  });
  const timed = (group: string, compute: () => Float64Array[]) => {
    const started = performance.now();
    const out = compute();
    columns.push(...out);
    options.onProgress?.({ group, seconds: (performance.now() - started) / 1000, columns: out.length });
  };
  for (const group of FEATURE_GROUPS)
    timed(group.name, () => group.compute({ frames, recipe, ids: app.ids }, options.warn));
  // Optional groups read the recipe's columns above by name and come after them.
  const computed = columnsByName(recipe.features.slice(0, columns.length), columns, app.ids.length);
  for (const group of extraGroupsOf(recipe))
    timed(group.name, () => group.compute(computed, options.warn, recipe));
  if (columns.length !== recipe.features.length)
    throw new DataError(
      'FEATURES_RECIPE_MISMATCH',
      `The groups produced ${columns.length} columns but the recipe lists ${recipe.features.length}: the recipe file was made by another version of the feature code; refit it (credit features without --recipe).`,
    );
  return { ids: app.ids, target: app.target, names: [...recipe.features], columns };
}

/** A given recipe decides the groups; asking for others with it is a mistake worth saying. */
function checkSameGroups(recipe: FeatureRecipe, asked: readonly string[]): void {
  const has = recipe.extraGroups ?? [];
  const wanted = normaliseExtraGroups(asked);
  if (wanted.join() !== has.join())
    throw new DataError(
      'FEATURES_GROUPS_MISMATCH',
      `The recipe was fitted with optional group(s) [${has.join(', ')}] but [${wanted.join(', ')}] were asked for; a fitted recipe decides its columns: drop the option or refit the recipe.`,
    );
}

function toFrames(tables: SourceTables): Frames {
  const frames: Frames = {};
  for (const name of SOURCE_TABLES) {
    const t = tables[name];
    if (t) frames[name] = frameFromTable(t);
  }
  return frames;
}

/** Warnings for columns the recipe reads but the data lacks (their features become missing). */
function checkColumns(frames: Frames, recipe: FeatureRecipe): string[] {
  const warnings: string[] = [];
  const check = (table: RecipeTable, frame: Frame | undefined) => {
    if (!frame) return;
    const missing = recipe.tables[table].columns
      .map((c) => c.name)
      .filter((n) => n !== 'TARGET' && !frame.columns.has(n));
    if (missing.length > 0)
      warnings.push(
        `${table}: column(s) ${missing.join(', ')} missing from the data; their features are missing values.`,
      );
  };
  check('application', frames.application_train ?? frames.application_test);
  for (const t of [
    'bureau',
    'bureau_balance',
    'previous_application',
    'POS_CASH_balance',
    'installments_payments',
    'credit_card_balance',
  ] as const)
    check(t, frames[t]);
  return warnings;
}
