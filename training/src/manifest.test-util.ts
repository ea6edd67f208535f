import type { Manifest } from './manifest.js';
import type { Preprocessor } from './preprocess.js';

/**
 * The manifest fields createScoringModel reads, for a network built by a test or a bench rather than
 * trained by `credit train`: threshold 0.5, no field grouping or dictionary, the training medians as the
 * explanation baseline. `extra` adds or replaces fields (a dictionary, costs...).
 */
export function manifestFor(
  names: readonly string[],
  pre: Preprocessor,
  extra: Partial<Manifest> = {},
): Manifest {
  return {
    featureNames: names,
    preprocessing: pre,
    threshold: 0.5,
    fieldOf: {},
    fieldInfo: {},
    baselines: { medians: Object.fromEntries(pre.features.map((f) => [f.name, f.median])) },
    ...extra,
  } as unknown as Manifest;
}
