/** Drift thresholds, read from monitoring/config/drift.json or a user file; every figure is copied into drift.json. */
import { readFileSync } from 'node:fs';
import { MonitoringError } from '../errors.js';

export type DriftMethod = 'default' | 'evidently';

export interface DriftConfig {
  method: DriftMethod;
  /** Reference quantile bins for PSI. */
  psiBins: number;
  /** Share given to an empty bin so ln(c / r) stays finite. */
  psiEpsilon: number;
  /** PSI >= psiMinor: moderate shift (drifted when the test's p-value is also below pValue). */
  psiMinor: number;
  /** PSI >= psiMajor: major shift, drifted whatever the p-value. */
  psiMajor: number;
  pValue: number;
  /** Absolute change of the missing rate that counts as drift on its own. */
  missingRateChange: number;
  /** An all-integer column with at most this many distinct values is treated as categorical. */
  categoricalMaxDistinct: number;
  evidently: { smallSample: number; pValue: number; distance: number; categoricalMaxUnique: number };
  datasetDriftShare: number;
  weightedDriftShare: number;
  predictionDriftAlerts: boolean;
  alertOnDatasetDrift: boolean;
  alertOnWeightedDrift: boolean;
  histogramBins: number;
  topFeatures: number;
}

export const DEFAULT_CONFIG_PATH = new URL('../../config/drift.json', import.meta.url);

export function loadDriftConfig(
  path: string | URL = DEFAULT_CONFIG_PATH,
  overrides: Partial<DriftConfig> = {},
): DriftConfig {
  const base = readJson(DEFAULT_CONFIG_PATH);
  const user = path === DEFAULT_CONFIG_PATH ? {} : readJson(path);
  const merged = { ...base, ...user, ...overrides } as Record<string, unknown>;
  for (const [key, value] of Object.entries(base)) {
    if (typeof merged[key] !== typeof value)
      throw new MonitoringError(
        'E_DRIFT_CONFIG',
        `drift config ${String(path)}: "${key}" must be a ${typeof value}, got ${JSON.stringify(merged[key])}`,
      );
  }
  if (merged.method !== 'default' && merged.method !== 'evidently')
    throw new MonitoringError(
      'E_DRIFT_CONFIG',
      `drift config ${String(path)}: "method" must be "default" or "evidently"`,
    );
  return merged as unknown as DriftConfig;
}

function readJson(path: string | URL): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new MonitoringError(
      'E_DRIFT_CONFIG',
      `cannot read drift config ${String(path)}: check the path and JSON syntax`,
      {
        cause,
      },
    );
  }
}
