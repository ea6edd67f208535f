import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import pg from 'pg';
import { openStore } from './index.js';
import { storeContract } from './store.case.js';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const prefix = `credit_test_${randomBytes(4).toString('hex')}`;
const schemas: string[] = [];
let available = false;

beforeAll(async () => {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    available = true;
  } catch (cause) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL at ${url} is required in CI`, { cause });
    console.warn(`skipping PostgreSQL store contract: ${url} unreachable`);
  }
});
afterAll(async () => {
  if (!available) return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await c.end();
});

storeContract('PostgreSQL', async () => {
  if (!available) return undefined;
  const schema = `${prefix}_${schemas.length}`;
  schemas.push(schema);
  return openStore({ databaseUrl: url, dataDir: '', schema });
});
