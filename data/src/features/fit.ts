/**
 * Fitting the recipe: which input columns are text (pandas' object dtype), their one-hot categories,
 * the factorize codes, and the output order the groups then declare.
 */
import type { Frame } from './frame.js';
import { isNumeric, kindOf } from './frame.js';
import { fitCategories, fitFactorize } from './one-hot.js';
import type { ExtraGroupName, FeatureRecipe, RecipeTable, TableRecipe } from './recipe.js';
import { FACTORIZED_COLUMNS, recipeHash } from './recipe.js';
import { applicationGroup, rowsWithoutXna, stackApplications } from './groups/application.js';
import type { Frames } from './groups/group.js';
import { extraGroupsOf, normaliseExtraGroups } from './groups/extra.js';
import { FEATURE_GROUPS } from './groups/index.js';
import { fitLoanTerms } from './groups/loan-terms.js';

export interface RecipeOptions {
  /** Optional groups to add after the public recipe's columns (default none: the recipe alone). */
  extraGroups?: readonly ExtraGroupName[];
}

export const HISTORY_TABLES = [
  'bureau',
  'bureau_balance',
  'previous_application',
  'POS_CASH_balance',
  'installments_payments',
  'credit_card_balance',
] as const satisfies readonly RecipeTable[];

/** Columns (typed from the data) and categories of one table; `keep` limits the rows categories come from. */
export function fitTable(
  frame: Frame | undefined,
  exclude: ReadonlySet<string>,
  keep?: Uint8Array,
): TableRecipe {
  if (!frame) return { columns: [], categories: {}, present: false };
  const columns = frame.names.map((name) => ({ name, kind: kindOf(frame.columns.get(name)!) }));
  const categories: Record<string, string[]> = {};
  for (const { name, kind } of columns) {
    const col = frame.columns.get(name)!;
    if (kind === 'categorical' && !exclude.has(name) && !isNumeric(col))
      categories[name] = fitCategories(col, keep);
  }
  return { columns, categories, present: true };
}

export function fitRecipeFromFrames(frames: Frames, options: RecipeOptions = {}): FeatureRecipe {
  const app = stackApplications(frames);
  const keep = rowsWithoutXna(app);
  const factorize: Record<string, string[]> = {};
  for (const name of FACTORIZED_COLUMNS) {
    const col = app.columns.get(name);
    factorize[name] = col ? fitFactorize(col, keep) : [];
  }
  const none = new Set<string>();
  const tables = {
    application: fitTable(app, new Set(FACTORIZED_COLUMNS), keep),
    ...Object.fromEntries(HISTORY_TABLES.map((t) => [t, fitTable(frames[t], none)])),
  } as Record<RecipeTable, TableRecipe>;
  const extraGroups = normaliseExtraGroups(options.extraGroups ?? []);
  const draft: Omit<FeatureRecipe, 'hash'> = {
    formatVersion: 1 as const,
    recipe: 'lightgbm-with-simple-features' as const,
    tables,
    factorize,
    features: [] as string[],
    // Left out when empty, so a recipe without optional groups is byte for byte what it always was.
    ...(extraGroups.length > 0 ? { extraGroups } : {}),
    ...(extraGroups.includes('loan-terms') ? { loanTerms: fitLoanTerms(frames.previous_application) } : {}),
  };
  const withoutHash = { ...draft, hash: '' };
  draft.features = [applicationGroup, ...FEATURE_GROUPS, ...extraGroupsOf(withoutHash)].flatMap((g) =>
    g.declare(withoutHash),
  );
  return { ...draft, hash: recipeHash(draft) };
}
