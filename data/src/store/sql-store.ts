import { DataError } from '../errors.js';
import { migrations } from './migrations.js';
import type { SqlRunner } from './sql.js';
import type {
  ApiKeyRecord,
  DecisionQuery,
  DecisionRow,
  DecisionStore,
  HistoryItem,
  OverrideRow,
  Role,
  SessionRecord,
  StoredDecision,
  StoredOverride,
  UserRecord,
} from './types.js';

type Row = Record<string, unknown>;
const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const toNum = (v: unknown): number => Number(v);

function decisionOf(r: Row): StoredDecision {
  const features = typeof r.features === 'string' ? JSON.parse(r.features) : r.features;
  return {
    id: toNum(r.id),
    createdAt: toDate(r.created_at),
    requestId: String(r.request_id),
    user: r.user_name == null ? null : String(r.user_name),
    clientId: r.client_id == null ? null : toNum(r.client_id),
    modelVersion: String(r.model_version),
    features: features as Record<string, number | null>,
    probability: toNum(r.probability),
    decision: r.decision as StoredDecision['decision'],
    latencyMs: toNum(r.latency_ms),
  };
}
function overrideOf(r: Row): StoredOverride {
  return {
    id: toNum(r.id),
    createdAt: toDate(r.created_at),
    clientId: toNum(r.client_id),
    user: String(r.user_name),
    decision: r.decision as StoredOverride['decision'],
    justification: String(r.justification),
  };
}
function userOf(r: Row): UserRecord {
  return {
    name: String(r.name),
    role: r.role as Role,
    passwordHash: String(r.password_hash),
    disabled: Boolean(r.disabled),
    createdAt: toDate(r.created_at),
  };
}
function keyOf(r: Row): ApiKeyRecord {
  return {
    id: String(r.id),
    name: String(r.name),
    role: r.role as Role,
    revoked: Boolean(r.revoked),
    createdAt: toDate(r.created_at),
  };
}

/** DecisionStore over any SqlRunner: the same SQL for PGlite and PostgreSQL. */
export function sqlStore(sql: SqlRunner, kind: DecisionStore['kind']): DecisionStore {
  return {
    kind,
    async migrate() {
      await sql.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)',
      );
      const done = new Set(
        (await sql.query<Row>('SELECT id FROM schema_migrations')).map((r) => toNum(r.id)),
      );
      for (const m of migrations) {
        if (done.has(m.id)) continue;
        try {
          await sql.exec(`BEGIN; ${m.sql}; INSERT INTO schema_migrations VALUES (${m.id}, now()); COMMIT;`);
        } catch (cause) {
          await sql.exec('ROLLBACK').catch(() => undefined);
          throw new DataError(
            'store_migration_failed',
            `store migration ${m.id} failed; check the database and its permissions`,
            { cause },
          );
        }
      }
    },
    async insertDecisions(batch: readonly DecisionRow[]) {
      if (batch.length === 0) return;
      const params: unknown[] = [];
      const values = batch.map((d) => {
        const b = params.length;
        params.push(
          d.createdAt.toISOString(),
          d.requestId,
          d.user,
          d.clientId,
          d.modelVersion,
          JSON.stringify(d.features),
          d.probability,
          d.decision,
          d.latencyMs,
        );
        return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6}::jsonb,$${b + 7},$${b + 8},$${b + 9})`;
      });
      await sql.query(
        `INSERT INTO decisions (created_at, request_id, user_name, client_id, model_version, features, probability, decision, latency_ms) VALUES ${values.join(',')}`,
        params,
      );
    },
    async listDecisions(q: DecisionQuery) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.clientId !== undefined) where.push(`client_id = $${params.push(q.clientId)}`);
      if (q.since) where.push(`created_at >= $${params.push(q.since.toISOString())}`);
      if (q.until) where.push(`created_at < $${params.push(q.until.toISOString())}`);
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const rows = await sql.query<Row>(
        `SELECT * FROM decisions ${clause} ORDER BY created_at DESC, id DESC LIMIT $${params.push(q.limit)}`,
        params,
      );
      return rows.map(decisionOf);
    },
    async countDecisions() {
      const [r] = await sql.query<Row>('SELECT count(*) AS n FROM decisions');
      return toNum(r?.n ?? 0);
    },
    async insertOverride(o: OverrideRow) {
      const [r] = await sql.query<Row>(
        'INSERT INTO overrides (created_at, client_id, user_name, decision, justification) VALUES ($1,$2,$3,$4,$5) RETURNING *',
        [(o.createdAt ?? new Date()).toISOString(), o.clientId, o.user, o.decision, o.justification],
      );
      return overrideOf(r as Row);
    },
    async listHistory(clientId: number) {
      const ds = (await sql.query<Row>('SELECT * FROM decisions WHERE client_id = $1', [clientId])).map(
        decisionOf,
      );
      const os = (await sql.query<Row>('SELECT * FROM overrides WHERE client_id = $1', [clientId])).map(
        overrideOf,
      );
      const items: HistoryItem[] = [
        ...ds.map((d) => ({ kind: 'decision' as const, ...d })),
        ...os.map((o) => ({ kind: 'override' as const, ...o })),
      ];
      return items.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },
    async createUser(name, role, passwordHash) {
      const existing = await sql.query('SELECT 1 FROM users WHERE name = $1', [name]);
      if (existing.length)
        throw new DataError('user_exists', `user "${name}" already exists; choose another name`);
      await sql.query('INSERT INTO users (name, role, password_hash, created_at) VALUES ($1,$2,$3,now())', [
        name,
        role,
        passwordHash,
      ]);
    },
    async findUser(name) {
      const [r] = await sql.query<Row>('SELECT * FROM users WHERE name = $1', [name]);
      return r ? userOf(r) : undefined;
    },
    async listUsers() {
      return (await sql.query<Row>('SELECT * FROM users ORDER BY name')).map(userOf);
    },
    async disableUser(name) {
      const r = await sql.query('UPDATE users SET disabled = TRUE WHERE name = $1 RETURNING name', [name]);
      await sql.query('DELETE FROM sessions WHERE user_name = $1', [name]);
      return r.length > 0;
    },
    async createApiKey(id, name, role, keyHash) {
      await sql.query(
        'INSERT INTO api_keys (id, name, role, key_hash, created_at) VALUES ($1,$2,$3,$4,now())',
        [id, name, role, keyHash],
      );
    },
    async findApiKeyByHash(keyHash) {
      const [r] = await sql.query<Row>('SELECT * FROM api_keys WHERE key_hash = $1 AND NOT revoked', [
        keyHash,
      ]);
      return r ? keyOf(r) : undefined;
    },
    async revokeApiKey(id) {
      return (
        (await sql.query('UPDATE api_keys SET revoked = TRUE WHERE id = $1 RETURNING id', [id])).length > 0
      );
    },
    async listApiKeys() {
      return (await sql.query<Row>('SELECT * FROM api_keys ORDER BY created_at')).map(keyOf);
    },
    async createSession(tokenHash, user, csrfToken, expiresAt) {
      await sql.query(
        'INSERT INTO sessions (token_hash, user_name, csrf_token, expires_at) VALUES ($1,$2,$3,$4)',
        [tokenHash, user, csrfToken, expiresAt.toISOString()],
      );
    },
    async findSession(tokenHash, now) {
      const [r] = await sql.query<Row>(
        'SELECT s.user_name, s.csrf_token, s.expires_at, u.role FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled',
        [tokenHash, now.toISOString()],
      );
      return r
        ? ({
            user: String(r.user_name),
            role: r.role as Role,
            csrfToken: String(r.csrf_token),
            expiresAt: toDate(r.expires_at),
          } satisfies SessionRecord)
        : undefined;
    },
    async deleteSession(tokenHash) {
      await sql.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    close: () => sql.close(),
  };
}
