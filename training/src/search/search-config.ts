/**
 * The hyperparameter search file (experiments/configs/*.json): which MLP settings to try and how.
 * Validated with zod; every error names the file, the key and what to write instead.
 */
import { z } from 'zod';
import { TrainingError } from '../errors.js';

/** A continuous range; `log` samples log-uniformly (for learning rate and L2). Random search only. */
const range = z
  .object({
    min: z.number(),
    max: z.number(),
    log: z.boolean().default(false),
  })
  .strict()
  .refine((r) => r.min <= r.max, { message: 'min must be <= max' })
  .refine((r) => !r.log || r.min > 0, { message: 'a log range needs min > 0' });

const numbers = z.array(z.number()).min(1, 'list at least one value');
const wholeNumbers = z.array(z.number().int().positive()).min(1, 'list at least one value');
const choicesOrRange = z.union([numbers, range], {
  error: 'expected a list of values, e.g. [0.1, 0.3], or a range {"min": 0.1, "max": 0.5, "log": false}',
});

export const searchSpaceSchema = z
  .object({
    hiddenLayers: z
      .array(z.array(z.number().int().positive()), {
        error: 'expected a list of layer lists, e.g. [[256, 64], [128]]',
      })
      .min(1, 'list at least one value')
      .optional(),
    dropout: choicesOrRange.optional(),
    l2: choicesOrRange.optional(),
    learningRate: choicesOrRange.optional(),
    batchSize: wholeNumbers.optional(),
    epochs: wholeNumbers.optional(),
    inputDropout: choicesOrRange.optional(),
    lrDecay: choicesOrRange.optional(),
    classWeight: z
      .array(z.enum(['balanced', 'sqrt', 'none']), {
        error: 'expected a list of "balanced", "sqrt" and/or "none"',
      })
      .min(1, 'list at least one value')
      .optional(),
  })
  .strict();

export const searchConfigSchema = z
  .object({
    /** grid: every combination of the listed values; random: `trials` draws. */
    strategy: z.enum(['random', 'grid']),
    /** Number of trials (random: required; grid: the first N combinations, default all). */
    trials: z.number().int().positive().optional(),
    /** Seeds the random draws and every trial's CV (folds, weights, dropout, shuffling). */
    seed: z.number().int().nonnegative().default(42),
    /** CV folds per trial (default: the training config's). */
    folds: z.number().int().min(2).optional(),
    /** Training config values shared by every trial (same keys as training/configs/default.json). */
    base: z.record(z.string(), z.unknown()).default({}),
    space: searchSpaceSchema,
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.strategy === 'random' && c.trials === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['trials'],
        message: 'random search needs "trials": a whole number >= 1',
      });
    if (c.strategy === 'grid')
      for (const [key, value] of Object.entries(c.space))
        if (value !== undefined && !Array.isArray(value))
          ctx.addIssue({
            code: 'custom',
            path: ['space', key],
            message: 'grid search needs a list of values here, not a range',
          });
    if (Object.values(c.space).every((v) => v === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['space'],
        message: 'declare at least one hyperparameter to search',
      });
    for (const key of ['dropout', 'inputDropout'] as const) {
      const v = c.space[key];
      const values = v === undefined ? [] : Array.isArray(v) ? v : [v.min, v.max];
      if (values.some((x) => x < 0 || x >= 1))
        ctx.addIssue({ code: 'custom', path: ['space', key], message: `${key} values must be in [0, 1)` });
    }
    {
      const v = c.space.lrDecay;
      const values = v === undefined ? [] : Array.isArray(v) ? v : [v.min, v.max];
      if (values.some((x) => x <= 0 || x > 1))
        ctx.addIssue({
          code: 'custom',
          path: ['space', 'lrDecay'],
          message: 'lrDecay values must be in (0, 1]',
        });
    }
    for (const key of ['l2', 'learningRate'] as const) {
      const v = c.space[key];
      const values = v === undefined ? [] : Array.isArray(v) ? v : [v.min, v.max];
      if (values.some((x) => x < 0 || (key === 'learningRate' && x === 0)))
        ctx.addIssue({ code: 'custom', path: ['space', key], message: `${key} values must be > 0` });
    }
  });

export type SearchSpace = z.infer<typeof searchSpaceSchema>;
export type SearchConfig = z.infer<typeof searchConfigSchema>;

/** Parses and validates a search file's text; `file` is only used in messages. */
export function parseSearchConfig(text: string, file: string): SearchConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TrainingError(
      'E_SEARCH_CONFIG',
      `${file}${jsonPosition(text, error as Error)}: not valid JSON: ${(error as Error).message}`,
    );
  }
  const parsed = searchConfigSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`,
    );
    throw new TrainingError(
      'E_SEARCH_CONFIG',
      `${file}: invalid hyperparameter search config:\n${lines.join('\n')}\n(see docs/training.md, "Hyperparameter search")`,
    );
  }
  return parsed.data;
}

/** " line L column C" from a JSON.parse error that gives a character position, else "". */
function jsonPosition(text: string, error: Error): string {
  const m = /position (\d+)/.exec(error.message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` line ${line} column ${column}`;
}
