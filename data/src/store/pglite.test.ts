import { afterAll } from '@jest/globals';
import { pgliteRunner } from './drivers.js';
import { sqlStore } from './sql-store.js';
import type { SqlRunner } from './sql.js';
import { storeContract } from './store.case.js';

// One embedded database for the suite (starting PGlite costs seconds); a fresh schema per test isolates them.
let shared: Promise<SqlRunner> | undefined;
let n = 0;
afterAll(async () => (shared ? (await shared).close() : undefined));

storeContract('PGlite', async () => {
  shared ??= pgliteRunner('memory://');
  const db = await shared;
  const schema = `t${n++}`;
  await db.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  const store = sqlStore(
    { query: db.query.bind(db), exec: db.exec.bind(db), close: async () => undefined },
    'pglite',
  );
  await store.migrate();
  return store;
});
