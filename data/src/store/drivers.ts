import { DataError } from '../errors.js';
import { mkdirSync } from 'node:fs';
import type { SqlRunner } from './sql.js';

/** Embedded PGlite in `dataDir` (created if missing); `memory://` keeps it in memory. */
export async function pgliteRunner(dataDir: string): Promise<SqlRunner> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  return {
    async query<T>(text: string, params: unknown[] = []) {
      return (await db.query<T>(text, params)).rows;
    },
    async exec(text: string) {
      await db.exec(text);
    },
    close: () => db.close(),
  };
}

/** PostgreSQL through a `pg` pool; `schema` (optional) becomes the search_path of every connection. */
export async function postgresRunner(databaseUrl: string, schema?: string): Promise<SqlRunner> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new DataError('store_bad_schema', `schema name "${schema}" must match [a-z_][a-z0-9_]*`);
  }
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  return {
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async exec(text: string) {
      const client = await pool.connect();
      try {
        await client.query(text);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
