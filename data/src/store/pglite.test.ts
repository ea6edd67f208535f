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

/** A runner on the suite's database with `schema` as search path (two stores can share it). */
async function runnerIn(schema: string) {
  shared ??= pgliteRunner('memory://');
  const db = await shared;
  await db.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  return { db, runner: { query: db.query.bind(db), exec: db.exec.bind(db), close: async () => undefined } };
}

// Needs two stores on one database, so PGlite only (the contract gives each test its own schema).
it('a second process reads compact rows (feature names from the table) and rows written before migration 2', async () => {
  const { db, runner } = await runnerIn('two');
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

it('stores a repeated feature vector once, reads every decision whole, and still reads migration-2 rows', async () => {
  const { db, runner } = await runnerIn('three');
  const store = sqlStore(runner, 'pglite');
  await store.migrate();
  const names = ['A', 'B', 'C'];
  const decision = (requestId: string, values: number[]) => ({
    createdAt: new Date('2026-01-03T00:00:00Z'),
    requestId,
    user: null,
    clientId: 9,
    modelVersion: 'v1',
    features: { names, values: Float64Array.from(values) },
    probability: 0.2,
    decision: 'grant' as const,
    latencyMs: 1,
  });
  await store.insertDecisions([
    decision('a', [1, NaN, 3]),
    decision('b', [1, NaN, 3]),
    decision('c', [4, 5, 6]),
  ]);
  await store.insertDecisions([decision('d', [1, NaN, 3])]); // remembered: not sent again
  await sqlStore(runner, 'pglite').insertDecisions([decision('e', [4, 5, 6])]); // another process: ON CONFLICT
  // A row as migration 2 wrote it (its own feature_values).
  const [set] = await db.query<{ id: string }>('SELECT id FROM decision_feature_sets');
  await db.query(
    `INSERT INTO decisions (created_at, request_id, client_id, model_version, feature_set, feature_values, probability, decision, latency_ms)
     VALUES ('2026-01-01T00:00:00Z', 'm2', 9, 'v0', $1, '[7,8,null]', 0.1, 'grant', 1)`,
    [set!.id],
  );
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM decision_vectors')) as [
    { n: number },
  ];
  expect(n).toBe(2);
  const rows = await sqlStore(runner, 'pglite').listDecisions({ clientId: 9, limit: 10 });
  expect(Object.fromEntries(rows.map((d) => [d.requestId, d.features]))).toEqual({
    a: { A: 1, B: null, C: 3 },
    b: { A: 1, B: null, C: 3 },
    c: { A: 4, B: 5, C: 6 },
    d: { A: 1, B: null, C: 3 },
    e: { A: 4, B: 5, C: 6 },
    m2: { A: 7, B: 8, C: null },
  });
  expect((await store.listHistory(9)).length).toBe(6);
  await db.exec('SET search_path TO public');
});
