/**
 * Configuration with one precedence: flags > environment > config file > defaults.
 *
 *   credit.config.json ─┐
 *   environment ────────┼─> deep merge (later wins) -> zod validation -> CreditConfig
 *   flags ──────────────┘
 *
 * A bad value is one error naming its source and key, e.g.
 * "credit.config.json: training.folds: Too small: expected number to be >=2".
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { PipelineError } from '../errors.js';
import { configSchema, type CreditConfig, type PartialConfig } from './schema.js';

export const defaultConfigFile = 'credit.config.json';

/** Environment variables for deployment (documented in .env.example). Values are never logged. */
export function configFromEnv(env: NodeJS.ProcessEnv): PartialConfig {
  const out: PartialConfig = {};
  const num = (name: string): number => {
    const raw = env[name]!;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) {
      throw new PipelineError('E_CONFIG', `environment variable ${name}: expected a number, got "${raw}"`);
    }
    return value;
  };
  if (env.CREDIT_DATA_DIR) out.dataDir = env.CREDIT_DATA_DIR;
  if (env.CREDIT_ARTIFACTS_DIR) out.artifactsDir = env.CREDIT_ARTIFACTS_DIR;
  if (env.MLFLOW_TRACKING_URI) out.tracking = { uri: env.MLFLOW_TRACKING_URI };
  if (env.DATABASE_URL) out.store = { databaseUrl: env.DATABASE_URL };
  if (env.HOST || env.PORT || env.CREDIT_SERVE_WORKERS) {
    out.serve = {
      ...(env.HOST ? { host: env.HOST } : {}),
      ...(env.PORT ? { port: num('PORT') } : {}),
      ...(env.CREDIT_SERVE_WORKERS ? { workers: num('CREDIT_SERVE_WORKERS') } : {}),
    };
  }
  return out;
}

export function readConfigFile(path: string): PartialConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new PipelineError('E_CONFIG', `cannot read config file ${path}: check the path`, { cause });
  }
  try {
    return JSON.parse(text) as PartialConfig;
  } catch (cause) {
    throw new PipelineError(
      'E_CONFIG',
      `config file ${path} is not valid JSON: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
}

export interface LoadConfigOptions {
  root: string;
  /** --config FILE; when not given, credit.config.json at the root is used if it exists. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  flags?: PartialConfig;
}

export function loadConfig(options: LoadConfigOptions): CreditConfig {
  const filePath = options.file
    ? resolve(options.root, options.file)
    : resolve(options.root, defaultConfigFile);
  const sources: { name: string; value: PartialConfig }[] = [];
  if (options.file || existsSync(filePath)) sources.push({ name: filePath, value: readConfigFile(filePath) });
  sources.push({ name: 'environment', value: configFromEnv(options.env ?? process.env) });
  sources.push({ name: 'flags', value: options.flags ?? {} });

  // Validate each source alone first so an error names where the bad key came from.
  for (const source of sources) validate(source.value, source.name, true);
  const merged = sources.reduce<Record<string, unknown>>((acc, s) => deepMerge(acc, s.value), {});
  return validate(merged, 'configuration', false);
}

function validate(value: unknown, sourceName: string, partial: boolean): CreditConfig {
  const schema = partial ? configSchema.partial() : configSchema;
  const result = schema.safeParse(value);
  if (result.success) return result.data as CreditConfig;
  const issue = result.error.issues[0]!;
  const key = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(root)');
  const what = issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}` : issue.message;
  throw new PipelineError('E_CONFIG', `${sourceName}: ${key}: ${what}`, { cause: result.error });
}

function deepMerge(base: Record<string, unknown>, over: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const prev = out[key];
    out[key] =
      isPlainObject(value) && isPlainObject(prev)
        ? deepMerge(prev, value)
        : isPlainObject(value)
          ? { ...value }
          : value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
