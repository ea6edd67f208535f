/**
 * Current data from the serving decision log (contract 4: PGlite under <root>/artifacts/store, or
 * PostgreSQL when DATABASE_URL is set) over a time window:
 *
 *   open the store -> decisions in [since, until) -> one column per reference feature (null -> NaN)
 *     + the served probabilities (prediction drift) -> close the store
 *
 * A reference feature that no logged decision carries is an error (it would read as 100% missing and
 * drift for a wrong reason): the reference must be restricted to the served model's features (--model).
 */
import { join } from 'node:path';
import type { DecisionStore, OpenStoreOptions } from '@credit/data';
import { MonitoringError } from '../errors.js';
import type { LoadedTable } from './load.js';

export interface DecisionLogSource {
  /** Repository root: the embedded store lives in <root>/artifacts/store. */
  root: string;
  /** PostgreSQL URL; default DATABASE_URL; absent = the embedded PGlite store. */
  databaseUrl?: string;
  /** PostgreSQL schema (tests). */
  schema?: string;
}

/** Upper bound on the rows read at once: the log is read whole for the window (there is no cursor). */
export const MAX_LOG_ROWS = 2_000_000;

export async function loadDecisionLog(
  names: string[],
  window: { since?: Date; until?: Date },
  source: DecisionLogSource,
): Promise<LoadedTable & { predictions: Float64Array; modelVersions: string[] }> {
  const { openStore } = await import('@credit/data');
  const databaseUrl = source.databaseUrl ?? process.env.DATABASE_URL;
  const options: OpenStoreOptions = {
    dataDir: join(source.root, 'artifacts', 'store'),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(source.schema ? { schema: source.schema } : {}),
  };
  const where = databaseUrl ? 'the PostgreSQL decision log (DATABASE_URL)' : `${options.dataDir}`;
  let store: DecisionStore;
  try {
    store = await openStore(options);
  } catch (cause) {
    throw new MonitoringError(
      'E_DRIFT_LOG_UNAVAILABLE',
      `cannot open ${where}: check DATABASE_URL or that credit serve has written decisions under --root`,
      { cause },
    );
  }
  try {
    const decisions = await store.listDecisions({ ...window, limit: MAX_LOG_ROWS });
    if (decisions.length === 0)
      throw new MonitoringError(
        'E_DRIFT_LOG_EMPTY',
        `no decision in ${where} for the window ${describeWindow(window)}: widen --since/--until`,
      );
    // Oldest first, so the rows read in time order (listDecisions returns newest first).
    decisions.reverse();
    const n = decisions.length;
    const columns = names.map(() => new Float64Array(n));
    const predictions = new Float64Array(n);
    const seen = new Uint8Array(names.length);
    const versions = new Set<string>();
    for (let r = 0; r < n; r++) {
      const d = decisions[r]!;
      const features = d.features;
      for (let c = 0; c < names.length; c++) {
        const v = features[names[c]!];
        if (v !== undefined) seen[c] = 1;
        columns[c]![r] = typeof v === 'number' ? v : NaN;
      }
      predictions[r] = d.probability;
      versions.add(d.modelVersion);
    }
    const absent = names.filter((_, c) => seen[c] === 0);
    if (absent.length > 0)
      throw new MonitoringError(
        'E_DRIFT_FEATURES',
        `the decision log lacks ${absent.length} reference feature(s), e.g. ${absent.slice(0, 5).join(', ')}: pass --model with the served model so the reference keeps only its features`,
      );
    return {
      names,
      columns,
      target: new Float64Array(n).fill(NaN),
      source: `decision log ${describeWindow(window)}`,
      predictions,
      modelVersions: [...versions],
    };
  } finally {
    await store.close();
  }
}

function describeWindow(window: { since?: Date; until?: Date }): string {
  return `[${window.since?.toISOString() ?? 'start'}, ${window.until?.toISOString() ?? 'now'})`;
}
