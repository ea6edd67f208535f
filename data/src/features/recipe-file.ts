/** recipe.json beside features.arrow (and in the model bundle): written atomically, checked on read. */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { DataError } from '../errors.js';
import type { FeatureRecipe } from './recipe.js';
import { recipeHash } from './recipe.js';
import { isExtraGroupName } from './groups/extra.js';

export async function writeRecipeFile(path: string, recipe: FeatureRecipe): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(recipe, null, 1)}\n`);
  await rename(tmp, path);
}

export async function readRecipeFile(path: string): Promise<FeatureRecipe> {
  let recipe: FeatureRecipe;
  try {
    recipe = JSON.parse(await readFile(path, 'utf8')) as FeatureRecipe;
  } catch (error) {
    throw new DataError(
      'RECIPE_READ',
      `Could not read the recipe ${path} as JSON; give the recipe.json written by \`credit features\`.`,
      { cause: error },
    );
  }
  if (recipe?.formatVersion !== 1 || !Array.isArray(recipe.features) || !recipe.tables)
    throw new DataError(
      'RECIPE_FORMAT',
      `${path} is not a feature recipe (formatVersion 1 with tables and features); give the recipe.json written by \`credit features\`.`,
    );
  const groups: unknown = recipe.extraGroups;
  if (groups !== undefined && !(Array.isArray(groups) && groups.every(isExtraGroupName)))
    throw new DataError(
      'RECIPE_FORMAT',
      `${path}: extraGroups ${JSON.stringify(groups)} lists a feature group this version does not know; use the version of the code that wrote it, or refit the recipe with \`credit features\`.`,
    );
  if (recipeHash(recipe) !== recipe.hash)
    throw new DataError(
      'RECIPE_HASH',
      `${path}: its content does not match its hash (edited by hand?); refit it with \`credit features\` without --recipe.`,
    );
  return recipe;
}
