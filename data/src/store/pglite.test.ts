import { afterAll, expect, it } from '@jest/globals';
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

// Needs two stores on one database, so PGlite only (the contract gives each test its own schema).
it('a second process reads compact rows (feature names from the table) and rows written before migration 2', async () => {
  shared ??= pgliteRunner('memory://');
  const db = await shared;
  await db.exec('CREATE SCHEMA two; SET search_path TO two');
  const runner = { query: db.query.bind(db), exec: db.exec.bind(db), close: async () => undefined };
  const writer = sqlStore(runner, 'pglite');
  await writer.migrate();
  const names = ['A', 'B'];
  await writer.insertDecisions([
    {
      createdAt: new Date('2026-01-02T00:00:00Z'),
      requestId: 'new',
      user: null,
      clientId: 5,
      modelVersion: 'v1',
      features: { names, values: [1, NaN] },
      probability: 0.5,
      decision: 'refuse',
      latencyMs: 1,
    },
  ]);
  // An old-shape row, as migration 1 wrote it (features as one JSONB object).
  await db.query(
    `INSERT INTO decisions (created_at, request_id, client_id, model_version, features, probability, decision, latency_ms)
     VALUES ('2026-01-01T00:00:00Z', 'old', 5, 'v0', '{"A": 7, "B": null}'::jsonb, 0.1, 'grant', 1)`,
  );
  const reader = sqlStore(runner, 'pglite'); // knows no feature set yet
  const rows = await reader.listDecisions({ clientId: 5, limit: 10 });
  expect(rows.map((d) => [d.requestId, d.features])).toEqual([
    ['new', { A: 1, B: null }],
    ['old', { A: 7, B: null }],
  ]);
  expect((await reader.listHistory(5)).length).toBe(2);
  await db.exec('SET search_path TO public');
});
