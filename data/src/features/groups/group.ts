/**
 * A feature group: one source table (bureau + bureau_balance count as one) turned into columns
 * aligned to the application rows. Each group declares the columns it produces for a recipe, and a
 * test checks the declaration against the output (as Vega-Lite's dataflow nodes declare fields).
 */
import type { Frame } from '../frame.js';
import type { ExtraGroupName, FeatureRecipe, SourceTable } from '../recipe.js';

export type Frames = Partial<Record<SourceTable, Frame>>;

export interface GroupInput {
  frames: Frames;
  recipe: FeatureRecipe;
  /** SK_ID_CURR of the output rows. */
  ids: Float64Array;
}

export interface FeatureGroup {
  name: string;
  /** Tables read; when the first is absent the group yields missing values (with a warning). */
  inputs: readonly SourceTable[];
  declare(recipe: FeatureRecipe): string[];
  /** Columns aligned to `ids`, in the declared order. */
  compute(input: GroupInput, warn: (message: string) => void): Float64Array[];
}

export function missingColumns(count: number, nrows: number): Float64Array[] {
  return Array.from({ length: count }, () => new Float64Array(nrows).fill(NaN));
}

/** The columns computed so far (the recipe's own), by name; undefined for a name the recipe lacks. */
export interface ComputedColumns {
  nrows: number;
  /** Names in output order. */
  names: readonly string[];
  column(name: string): Float64Array | undefined;
}

export function columnsByName(
  names: readonly string[],
  columns: readonly Float64Array[],
  nrows: number,
): ComputedColumns {
  const index = new Map(names.map((n, i) => [n, i]));
  return {
    nrows,
    names,
    column: (name) => {
      const i = index.get(name);
      return i === undefined ? undefined : columns[i];
    },
  };
}

/**
 * An optional group on top of the public recipe (kernel-features.md: improvements go in a separate,
 * optional group): it reads only the recipe's computed columns, by name, and is appended after them,
 * so the recipe's columns and their order never change.
 */
export interface ExtraFeatureGroup {
  name: ExtraGroupName;
  declare(recipe: FeatureRecipe): string[];
  /** Columns aligned to the rows of `input`, in the declared order (`recipe`: what the group learnt). */
  compute(input: ComputedColumns, warn: (message: string) => void, recipe: FeatureRecipe): Float64Array[];
}
