/**
 * The decision store every `credit` command uses: PostgreSQL when DATABASE_URL is set (no lock: it
 * serves many processes), else PGlite under <root>/artifacts/store, locked for as long as it is open
 * (./store-lock.ts) so a second process is refused instead of losing writes or corrupting the files.
 *
 *   lock (or E_STORE_IN_USE) -> open + migrate -> ... -> close() -> release the lock
 * The lock is also released if the process exits without closing (the pid check covers a crash).
 */
import { join } from 'node:path';
import type { DecisionStore } from '@credit/data';
import type { CliLogger } from '../logger.js';
import { acquireStoreLock, checkStoreFree, type StoreLock } from './store-lock.js';

export interface DecisionStoreOptions {
  /** Repository root: the embedded store lives in <root>/artifacts/store. */
  root: string;
  /** What this process runs, named to a refused second opener, e.g. "credit serve". */
  command: string;
  logger: Pick<CliLogger, 'warn'>;
  /** PostgreSQL URL; default DATABASE_URL. */
  databaseUrl?: string;
}

export function embeddedStoreDir(root: string): string {
  return join(root, 'artifacts', 'store');
}

/**
 * Locks the embedded store (nothing with PostgreSQL) for work that opens it by other means, e.g. the
 * decision log read by `credit drift`; returns the release, or undefined when no lock was needed.
 */
export function lockEmbeddedStore(options: DecisionStoreOptions): (() => void) | undefined {
  if (options.databaseUrl ?? process.env.DATABASE_URL) return undefined;
  const lock = acquireStoreLock(embeddedStoreDir(options.root), {
    command: options.command,
    onStale: (message) => options.logger.warn(message),
  });
  return releaseOnExit(lock);
}

/** Fails early with E_STORE_IN_USE when another live process holds the embedded store (no-op with PostgreSQL). */
export function checkDecisionStoreFree(options: Pick<DecisionStoreOptions, 'root' | 'databaseUrl'>): void {
  if (options.databaseUrl ?? process.env.DATABASE_URL) return;
  checkStoreFree(embeddedStoreDir(options.root));
}

/** Opens (and migrates) the decision store; with PGlite, only after taking its lock. */
export async function openDecisionStore(options: DecisionStoreOptions): Promise<DecisionStore> {
  const { openStore } = await import('@credit/data');
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (databaseUrl) return openStore({ databaseUrl, dataDir: embeddedStoreDir(options.root) });
  const release = lockEmbeddedStore(options)!;
  let store: DecisionStore;
  try {
    store = await openStore({ dataDir: embeddedStoreDir(options.root) });
  } catch (e) {
    release();
    throw e;
  }
  const close = store.close.bind(store);
  // Same store, with a close that lets go of the lock once PGlite has written everything.
  return {
    ...store,
    async close() {
      try {
        await close();
      } finally {
        release();
      }
    },
  };
}

/** The release, also run if the process exits first (process.exit on a fatal path, an uncaught error). */
function releaseOnExit(lock: StoreLock): () => void {
  const onExit = () => lock.release();
  process.once('exit', onExit);
  return () => {
    process.removeListener('exit', onExit);
    lock.release();
  };
}
