import { FEATURE_GROUPS } from './index.js';

/** Group names in output order (the CLI's progress and summary use them). */
export function featureGroupNames(): string[] {
  return ['application', ...FEATURE_GROUPS.map((g) => g.name)];
}
