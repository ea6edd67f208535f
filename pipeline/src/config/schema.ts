import { z } from 'zod';

/**
 * Every setting of the pipeline, with its default. The file `credit.config.json` (at the project root, or
 * --config FILE) may set any of them; environment variables and flags override (see load.ts).
 */
export const configSchema = z
  .object({
    /** Kaggle CSVs (.csv or .csv.gz). When absent, `credit run` makes a synthetic set instead. */
    dataDir: z.string().min(1).default('data/raw'),
    /** Root of every runtime output: features, models, reports, tracking, store. */
    artifactsDir: z.string().min(1).default('artifacts'),
    synth: z
      .object({
        clients: z.number().int().min(200).default(4000),
        testClients: z.number().int().min(50).default(1000),
        seed: z.number().int().default(42),
      })
      .strict()
      .prefault({}),
    features: z
      .object({
        /** The optional "derived" feature group (docs/features.md) after the recipe's columns. */
        derived: z.boolean().default(true),
        /** The optional "loan-terms" group: the loan's estimated length and interest rate (docs/features.md). */
        loanTerms: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    training: z
      .object({
        folds: z.number().int().min(2).max(20).default(3),
        epochs: z.number().int().min(1).default(10),
        seed: z.number().int().default(42),
        costFalseNegative: z.number().positive().default(10),
        costFalsePositive: z.number().positive().default(1),
        excludeProtected: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    tracking: z
      .object({
        /** MLflow server; unset = the local file tracker under artifacts/tracking. */
        uri: z.url().optional(),
        experiment: z.string().min(1).default('credit-scoring'),
        modelName: z.string().min(1).default('credit-scoring'),
      })
      .strict()
      .prefault({}),
    store: z
      .object({
        /** PostgreSQL for the decision log; unset = embedded PGlite under artifacts/store. */
        databaseUrl: z.string().startsWith('postgres').optional(),
      })
      .strict()
      .prefault({}),
    serve: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        /** With --model models:/NAME@ALIAS: seconds between checks of the alias (hot reload); 0 = off. */
        pollSeconds: z.number().min(0).default(30),
        /** `credit serve` processes sharing the port (0 = one per CPU core). */
        workers: z.number().int().min(0).max(64).default(1),
      })
      .strict()
      .prefault({}),
    drift: z
      .object({
        /** Exit code 2 on a drift alert (for scheduled jobs); `credit run` only reports. */
        failOnDrift: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type CreditConfig = z.infer<typeof configSchema>;
/** What a file, the environment or flags may give: any subset, nested. */
export type PartialConfig = { [K in keyof CreditConfig]?: Partial<CreditConfig[K]> | CreditConfig[K] };
