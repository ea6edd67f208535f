/**
 * Current data from the serving decision log (contract 4: PGlite under <root>/artifacts/store, or
 * PostgreSQL when DATABASE_URL is set) over a time window:
 *
 *   open the store -> count the decisions in [since, until) -> read them in keyset pages, newest first,
 *     into one column per reference feature (null -> NaN) + the served probabilities (prediction drift),
 *     oldest first -> close the store
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

/**
 * Upper bound on decisions x reference features read for one window (8 bytes each: 2.4 GB). Pages are read
 * into columns allocated once for the window's count, so this, not the decisions' JSON, bounds the memory.
 */
export const MAX_LOG_CELLS = 300_000_000;
/** Decisions per query: keyset pages, newest first. */
const PAGE_ROWS = 10_000;

export interface DecisionLogTable extends LoadedTable {
  /** The served probabilities, row by row. */
  predictions: Float64Array;
  modelVersions: string[];
  /** The window read: an open end is pinned to the time the read began. */
  window: { since?: Date; until: Date };
  /** Decisions committed inside the window while it was read, beyond its count: the oldest, left out. */
  leftOut: number;
}

export async function loadDecisionLog(
  names: string[],
  requested: { since?: Date; until?: Date },
  source: DecisionLogSource,
  limits: { pageRows?: number; maxCells?: number } = {},
): Promise<DecisionLogTable> {
  const pageRows = limits.pageRows ?? PAGE_ROWS;
  const maxCells = limits.maxCells ?? MAX_LOG_CELLS;
  // An open window ends now: decisions the server writes while we read are left to the next run.
  const window = { ...requested, until: requested.until ?? new Date() };
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
    const count = await store.countDecisions(window);
    if (count === 0)
      throw new MonitoringError(
        'E_DRIFT_LOG_EMPTY',
        `no decision in ${where} for the window ${describeWindow(window)}: widen --since/--until`,
      );
    if (count * names.length > maxCells)
      throw new MonitoringError(
        'E_DRIFT_LOG_TOO_LARGE',
        `the window ${describeWindow(window)} holds ${count} decisions x ${names.length} features, more than ${maxCells} values: narrow --since/--until`,
      );
    const columns = names.map(() => new Float64Array(count));
    const predictions = new Float64Array(count);
    const seen = new Uint8Array(names.length);
    const versions = new Set<string>();
    // Newest first, page by page, filled from the end so the columns read oldest first. A decision
    // committed late with a time inside the window can make the pages longer than the count: those rows
    // (the oldest) are left out and said so.
    let at = count;
    let before: { createdAt: Date; id: number } | undefined;
    let leftOut = 0;
    for (;;) {
      const page = await store.listDecisions({ ...window, limit: pageRows, ...(before ? { before } : {}) });
      for (const d of page) {
        if (at === 0) {
          leftOut++;
          continue;
        }
        at--;
        for (let c = 0; c < names.length; c++) {
          const v = d.features[names[c]!];
          if (v !== undefined) seen[c] = 1;
          columns[c]![at] = typeof v === 'number' ? v : NaN;
        }
        predictions[at] = d.probability;
        versions.add(d.modelVersion);
      }
      if (page.length < pageRows) break;
      const last = page.at(-1)!;
      before = { createdAt: last.createdAt, id: last.id };
    }
    // Fewer rows than counted (deleted meanwhile): keep the rows read, which sit at the end.
    const n = count - at;
    const kept = (column: Float64Array) => (at === 0 ? column : column.slice(at));
    const absent = names.filter((_, c) => seen[c] === 0);
    if (absent.length > 0)
      throw new MonitoringError(
        'E_DRIFT_FEATURES',
        `the decision log lacks ${absent.length} reference feature(s), e.g. ${absent.slice(0, 5).join(', ')}: pass --model with the served model so the reference keeps only its features`,
      );
    return {
      names,
      columns: columns.map(kept),
      target: new Float64Array(n).fill(NaN),
      source: `decision log ${describeWindow(window)}`,
      predictions: kept(predictions),
      modelVersions: [...versions],
      window,
      leftOut,
    };
  } finally {
    await store.close();
  }
}

function describeWindow(window: { since?: Date; until?: Date }): string {
  return `[${window.since?.toISOString() ?? 'start'}, ${window.until?.toISOString() ?? 'now'})`;
}
