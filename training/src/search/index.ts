export {
  crossValidate,
  type CrossValidateOptions,
  type CrossValidation,
  type CvFold,
} from './cross-validate.js';
export { stratifiedFolds } from '../folds.js';
export { labelledRows } from '../fold-rows.js';
export { parseSearchConfig, type SearchConfig, type SearchSpace } from './search-config.js';
export { generateTrials, type TrialParams } from './trials.js';
export { runSearch, bestTrial, type SearchReport, type SearchOptions, type TrialResult } from './search.js';
