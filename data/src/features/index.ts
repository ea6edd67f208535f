export type { FeatureTable } from './feature-table.js';
export type { FeatureRecipe, TableRecipe, ColumnKind, RecipeTable, ExtraGroupName } from './recipe.js';
export { recipeHash, EXTRA_GROUP_NAMES } from './recipe.js';
export type { RecipeOptions } from './fit.js';
export { normaliseExtraGroups } from './groups/extra.js';
export { derivedColumns } from './groups/derived.js';
export {
  fitRecipe,
  buildFeatures,
  type BuildOptions,
  type BuildResult,
  type GroupProgress,
  type SourceTables,
} from './build.js';
export { onlineFeatures, type ClientHistory, type HistoryTable } from './online.js';
export { fieldOfFeature, fieldsOfFeatures } from './field-of.js';
export { writeFeatureFile, readFeatureFile } from './arrow-file.js';
export { readRecipeFile, writeRecipeFile } from './recipe-file.js';
export { featureGroupNames } from './groups/names.js';
export { featureLabel, featureLabels, type FeatureLabel, type FieldUnit } from './labels/index.js';
