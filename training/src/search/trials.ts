/** Turns a declared search space into the list of trials (grid: combinations; random: seeded draws). */
import { createRandom } from '../random.js';
import type { MlpConfig } from '../types.js';
import type { SearchConfig, SearchSpace } from './search-config.js';

/** The MLP settings one trial overrides (only the searched ones). */
export type TrialParams = Partial<Omit<MlpConfig, 'patience'>>;

// New keys go at the end: a search file without them draws the same trials as before.
const KEYS = [
  'hiddenLayers',
  'dropout',
  'l2',
  'learningRate',
  'batchSize',
  'epochs',
  'inputDropout',
  'lrDecay',
  'classWeight',
] as const;

/** `trialsOverride` (e.g. --trials) replaces the file's count. */
export function generateTrials(config: SearchConfig, trialsOverride?: number): TrialParams[] {
  const count = trialsOverride ?? config.trials;
  return config.strategy === 'grid'
    ? gridTrials(config.space).slice(0, count ?? Number.POSITIVE_INFINITY)
    : randomTrials(config.space, count ?? 1, config.seed);
}

/** Every combination, in a fixed order (the first key varies slowest). */
function gridTrials(space: SearchSpace): TrialParams[] {
  let trials: TrialParams[] = [{}];
  for (const key of KEYS) {
    const values = space[key];
    if (values === undefined) continue;
    const list = values as unknown[];
    trials = trials.flatMap((t) => list.map((v) => ({ ...t, [key]: v })));
  }
  return trials;
}

function randomTrials(space: SearchSpace, count: number, seed: number): TrialParams[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const trial: TrialParams = {};
    for (const key of KEYS) {
      const values = space[key];
      if (values === undefined) continue;
      if (Array.isArray(values)) {
        (trial as Record<string, unknown>)[key] = values[Math.floor(random() * values.length)];
      } else {
        const { min, max, log } = values;
        const u = random();
        (trial as Record<string, unknown>)[key] = log
          ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
          : min + u * (max - min);
      }
    }
    return trial;
  });
}
