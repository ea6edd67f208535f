/**
 * The fitted recipe: everything that depends on the data the features were first built from, so new
 * applications get the same columns in the same order. Plain JSON (saved as recipe.json, and in the
 * model bundle).
 */
import { createHash } from 'node:crypto';

export type ColumnKind = 'numeric' | 'categorical';

/** The Kaggle tables the recipe reads (same names as @credit/data's loaders). */
export type SourceTable =
  | 'application_train'
  | 'application_test'
  | 'bureau'
  | 'bureau_balance'
  | 'previous_application'
  | 'POS_CASH_balance'
  | 'installments_payments'
  | 'credit_card_balance';

export const SOURCE_TABLES: readonly SourceTable[] = [
  'application_train',
  'application_test',
  'bureau',
  'bureau_balance',
  'previous_application',
  'POS_CASH_balance',
  'installments_payments',
  'credit_card_balance',
];

/** What was learnt from one input table ('application' = train and test stacked). */
export interface TableRecipe {
  /** Input columns in table order, typed as pandas would read them. */
  columns: { name: string; kind: ColumnKind }[];
  /** One-hot categories per categorical column, sorted by code point (no "nan": that is implied). */
  categories: Record<string, string[]>;
  /** False when the table was absent at fit time (its features are then always missing). */
  present: boolean;
}

export type RecipeTable = 'application' | Exclude<SourceTable, 'application_train' | 'application_test'>;

/** Optional feature groups beyond the public recipe, appended after its columns (groups/extra.ts). */
export type ExtraGroupName = 'derived' | 'loan-terms';

export const EXTRA_GROUP_NAMES: readonly ExtraGroupName[] = ['derived', 'loan-terms'];

/**
 * What the "loan-terms" group learnt (groups/loan-terms.ts): previous cash loans by AMT_ANNUITY / AMT_CREDIT,
 * cut into bins; bin i holds the ratios up to upperRatios[i] and its median number of payments terms[i].
 */
export interface LoanTermTable {
  upperRatios: number[];
  terms: number[];
  /** Previous cash loans it was learnt from. */
  loans: number;
}

export interface FeatureRecipe {
  formatVersion: 1;
  /** The public recipe ported here. */
  recipe: 'lightgbm-with-simple-features';
  tables: Record<RecipeTable, TableRecipe>;
  /** pandas.factorize codes: the value at index i has code i (missing or unseen = -1). */
  factorize: Record<string, string[]>;
  /** Output feature names, in order (SK_ID_CURR and TARGET excluded). */
  features: string[];
  /**
   * Optional groups on top of the public recipe, in EXTRA_GROUP_NAMES order; their columns follow the
   * recipe's own. Absent (recipes written before the field existed) = none.
   */
  extraGroups?: ExtraGroupName[];
  /** Fitted with the "loan-terms" group, absent otherwise. */
  loanTerms?: LoanTermTable;
  /** sha256 of everything above, to tie models and feature files to one recipe. */
  hash: string;
}

export const FACTORIZED_COLUMNS = ['CODE_GENDER', 'FLAG_OWN_CAR', 'FLAG_OWN_REALTY'] as const;

/** The hash leaves `extraGroups` and `loanTerms` out when absent, so recipes made before them keep theirs. */
export function recipeHash(recipe: Omit<FeatureRecipe, 'hash'>): string {
  const { formatVersion, recipe: name, tables, factorize, features, extraGroups, loanTerms } = recipe;
  const canonical = JSON.stringify({
    formatVersion,
    name,
    tables,
    factorize,
    features,
    ...(extraGroups && extraGroups.length > 0 ? { extraGroups } : {}),
    ...(loanTerms ? { loanTerms } : {}),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/** Code-point order (pandas sorts Python str this way; JS's default sort uses UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}
