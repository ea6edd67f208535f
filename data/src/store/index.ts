import { pgliteRunner, postgresRunner } from './drivers.js';
import { sqlStore } from './sql-store.js';
import type { DecisionStore } from './types.js';

export type * from './types.js';
export { sqlStore } from './sql-store.js';
export type { SqlRunner } from './sql.js';

export interface OpenStoreOptions {
  /** PostgreSQL URL (from DATABASE_URL); when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder (e.g. artifacts/store/) or `memory://`. */
  dataDir: string;
  /** PostgreSQL schema to use (created if missing); tests use a unique one. */
  schema?: string;
}

/** Opens and migrates the decision store (contract 4). */
export async function openStore(opts: OpenStoreOptions): Promise<DecisionStore> {
  const store = opts.databaseUrl
    ? sqlStore(await postgresRunner(opts.databaseUrl, opts.schema), 'postgres')
    : sqlStore(await pgliteRunner(opts.dataDir), 'pglite');
  await store.migrate();
  return store;
}
