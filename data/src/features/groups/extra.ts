/** The optional groups a recipe may add after the public recipe's columns, by name. */
import { DataError } from '../../errors.js';
import type { ExtraGroupName, FeatureRecipe } from '../recipe.js';
import { EXTRA_GROUP_NAMES } from '../recipe.js';
import { derivedGroup } from './derived.js';
import { loanTermsGroup } from './loan-terms.js';
import type { ExtraFeatureGroup } from './group.js';

const EXTRA_GROUPS: Record<ExtraGroupName, ExtraFeatureGroup> = {
  derived: derivedGroup,
  'loan-terms': loanTermsGroup,
};

export function isExtraGroupName(name: unknown): name is ExtraGroupName {
  return typeof name === 'string' && (EXTRA_GROUP_NAMES as readonly string[]).includes(name);
}

/** Known names, each once, in EXTRA_GROUP_NAMES order (the order of their columns). */
export function normaliseExtraGroups(names: readonly string[]): ExtraGroupName[] {
  const unknown = names.filter((n) => !isExtraGroupName(n));
  if (unknown.length > 0)
    throw new DataError(
      'FEATURES_UNKNOWN_GROUP',
      `Unknown optional feature group(s) ${unknown.join(', ')}; the known ones are: ${EXTRA_GROUP_NAMES.join(', ')}.`,
    );
  return EXTRA_GROUP_NAMES.filter((n) => names.includes(n));
}

/** The optional groups `recipe` turns on, in column order (none for a recipe without the field). */
export function extraGroupsOf(recipe: FeatureRecipe): ExtraFeatureGroup[] {
  return (recipe.extraGroups ?? []).map((n) => EXTRA_GROUPS[n]);
}

const namesByRecipe = new WeakMap<FeatureRecipe, ReadonlySet<string>>();

/**
 * Names of the columns the optional groups of `recipe` add; worked out once per recipe object, since
 * fieldOfFeature asks for every feature (about 800 calls per recipe when labelling or grouping fields).
 */
export function extraFeatureNames(recipe: FeatureRecipe): ReadonlySet<string> {
  let names = namesByRecipe.get(recipe);
  if (!names) {
    names = new Set(extraGroupsOf(recipe).flatMap((g) => g.declare(recipe)));
    namesByRecipe.set(recipe, names);
  }
  return names;
}
