/**
 * The business field behind a feature, for explanations: a one-hot column of the application table
 * folds back into its source column (`NAME_CONTRACT_TYPE_Cash loans` -> `NAME_CONTRACT_TYPE`);
 * every other feature (aggregates, ratios, numeric columns, the optional groups' columns) is its own
 * field.
 */
import { extraFeatureNames } from './groups/extra.js';
import type { FeatureRecipe } from './recipe.js';

export function fieldOfFeature(recipe: FeatureRecipe, feature: string): string {
  if (extraFeatureNames(recipe).has(feature)) return feature;
  const { categories } = recipe.tables.application;
  for (const [column, values] of Object.entries(categories)) {
    if (!feature.startsWith(`${column}_`)) continue;
    const value = feature.slice(column.length + 1);
    if (value === 'nan' || values.includes(value)) return column;
  }
  return feature;
}

/** fieldOfFeature for every feature of the recipe (what the pipeline passes to training as `fieldOf`). */
export function fieldsOfFeatures(recipe: FeatureRecipe): Record<string, string> {
  return Object.fromEntries(recipe.features.map((f) => [f, fieldOfFeature(recipe, f)]));
}
