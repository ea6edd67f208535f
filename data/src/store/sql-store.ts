import { createHash } from 'node:crypto';
import { DataError } from '../errors.js';
import { migrations } from './migrations.js';
import type { SqlRunner } from './sql.js';
import type {
  ApiKeyRecord,
  DecisionQuery,
  DecisionRow,
  DecisionStore,
  DecisionWindow,
  FeatureVector,
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

/** Feature names by feature-set id (the names are stored once per set; rows refer to them). */
type FeatureSets = Map<string, readonly string[]>;

/**
 * A row's feature-set id: its own (migration 2 rows) or its stored vector's (migration 3 rows, joined
 * as vector_set); none for rows written before migration 2.
 */
const featureSetOf = (r: Row): unknown => r.feature_set ?? r.vector_set;

function featuresOf(r: Row, sets: FeatureSets): Record<string, number | null> {
  const setId = featureSetOf(r);
  if (setId == null) {
    // Rows written before migration 2: one JSONB object per row.
    const features = typeof r.features === 'string' ? JSON.parse(r.features) : r.features;
    return features as Record<string, number | null>;
  }
  const names = sets.get(String(setId));
  if (!names)
    throw new DataError(
      'store_feature_set_missing',
      `decision ${String(r.id)} refers to feature set ${String(setId)}, which decision_feature_sets lacks; restore that table from a backup`,
    );
  const values = JSON.parse(String(r.feature_values ?? r.vector_values)) as (number | null)[];
  const features: Record<string, number | null> = {};
  for (let i = 0; i < names.length; i++) features[names[i]!] = values[i] ?? null;
  return features;
}

/** The compact form of a row's features: a feature-set id (hash of the names), the values and their hash. */
const setIdsByNames = new WeakMap<readonly string[], string>();
interface CompactFeatures {
  names: readonly string[];
  id: string;
  /** sha256 of the feature-set id and the values' bytes (Float64): the row's decision_vectors key. */
  hash: string;
  values: Float64Array;
}
function compactFeatures(features: DecisionRow['features']): CompactFeatures {
  const vector: FeatureVector = isVector(features)
    ? features
    : { names: Object.keys(features), values: Object.values(features).map((v) => v ?? NaN) };
  let id = setIdsByNames.get(vector.names);
  if (!id) {
    id = createHash('sha256').update(JSON.stringify(vector.names)).digest('hex').slice(0, 32);
    setIdsByNames.set(vector.names, id);
  }
  if (vector.values.length !== vector.names.length)
    throw new DataError(
      'store_feature_width',
      `a decision row has ${vector.values.length} feature values for ${vector.names.length} names; pass one value per name`,
    );
  // A plain loop (Float64Array.from with a map function is several times slower); one NaN for all missing.
  const values = new Float64Array(vector.values.length);
  for (let i = 0; i < values.length; i++) {
    const v = vector.values[i]!;
    values[i] = v - v === 0 ? v : NaN; // v - v is NaN for NaN and ±Infinity
  }
  const hash = createHash('sha256')
    .update(id)
    .update(new Uint8Array(values.buffer))
    .digest('hex')
    .slice(0, 40);
  return { names: vector.names, id, hash, values };
}

/** JSON number array; NaN (missing) becomes null. Built by hand: JSON.stringify would write an object. */
function valuesJson(values: Float64Array): string {
  let text = '[';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    text += (i ? ',' : '') + (Number.isNaN(v) ? 'null' : String(v));
  }
  return `${text}]`;
}
const isVector = (f: DecisionRow['features']): f is FeatureVector =>
  Array.isArray((f as FeatureVector).names) && (f as FeatureVector).values !== undefined;

function decisionOf(r: Row, sets: FeatureSets): StoredDecision {
  const features = featuresOf(r, sets);
  return {
    id: toNum(r.id),
    createdAt: toDate(r.created_at),
    requestId: String(r.request_id),
    user: r.user_name == null ? null : String(r.user_name),
    clientId: r.client_id == null ? null : toNum(r.client_id),
    modelVersion: String(r.model_version),
    features,
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

/** ~100 bytes each: a few MB of memory saves re-sending ~15 KB per repeated client. */
const MAX_REMEMBERED_VECTORS = 50_000;

/** Decision rows with their stored vector, if any (vector_set, vector_values). */
const DECISIONS_WITH_VECTORS = 'decisions d LEFT JOIN decision_vectors v ON v.hash = d.vector_hash';
const DECISION_COLUMNS = 'd.*, v.feature_set AS vector_set, v.feature_values AS vector_values';

/** The WHERE clause of a decision query over `decisions d`, with its parameters ($1, $2, ...). */
function decisionFilter(q: Omit<DecisionQuery, 'limit'>): { clause: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.clientId !== undefined) where.push(`d.client_id = $${params.push(q.clientId)}`);
  if (q.since) where.push(`d.created_at >= $${params.push(q.since.toISOString())}`);
  if (q.until) where.push(`d.created_at < $${params.push(q.until.toISOString())}`);
  // Row comparison: strictly after `before` in the order created_at DESC, id DESC.
  if (q.before)
    where.push(
      `(d.created_at, d.id) < ($${params.push(q.before.createdAt.toISOString())}::timestamptz, $${params.push(q.before.id)}::bigint)`,
    );
  return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** DecisionStore over any SqlRunner: the same SQL for PGlite and PostgreSQL. */
export function sqlStore(sql: SqlRunner, kind: DecisionStore['kind']): DecisionStore {
  // Feature sets known to be stored (written or read by this process): each is written once.
  const sets: FeatureSets = new Map();
  /** The names of every feature set these rows refer to, fetched once per set. */
  const loadSets = async (rows: Row[]) => {
    const missing = [...new Set(rows.map(featureSetOf).filter((id) => id != null))]
      .map(String)
      .filter((id) => !sets.has(id));
    if (missing.length === 0) return;
    const found = await sql.query<Row>(
      `SELECT id, names FROM decision_feature_sets WHERE id IN (${missing.map((_, i) => `$${i + 1}`).join(',')})`,
      missing,
    );
    for (const f of found) {
      const names = typeof f.names === 'string' ? JSON.parse(f.names) : f.names;
      sets.set(String(f.id), names as string[]);
    }
  };
  // Hashes of decision vectors known to be stored (the oldest written dropped past the cap).
  const vectors = new Set<string>();
  const rememberVector = (hash: string) => {
    vectors.add(hash);
    if (vectors.size > MAX_REMEMBERED_VECTORS) vectors.delete(vectors.values().next().value!);
  };
  const decisionsOf = async (rows: Row[]) => {
    await loadSets(rows);
    return rows.map((r) => decisionOf(r, sets));
  };
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
      const compact = batch.map((d) => compactFeatures(d.features));
      for (const c of compact) {
        if (sets.has(c.id)) continue;
        await sql.query(
          'INSERT INTO decision_feature_sets (id, names) VALUES ($1, $2::jsonb) ON CONFLICT (id) DO NOTHING',
          [c.id, JSON.stringify(c.names)],
        );
        sets.set(c.id, c.names);
      }
      // Each distinct vector once: not at all when this process already stored it.
      const fresh = new Map<string, CompactFeatures>();
      for (const c of compact) if (!vectors.has(c.hash)) fresh.set(c.hash, c);
      // One array per column through unnest: ~2.5x less CPU per row on PGlite than a multi-row VALUES list.
      if (fresh.size > 0) {
        const vs = [...fresh.values()];
        await sql.query(
          `INSERT INTO decision_vectors (hash, feature_set, feature_values)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (hash) DO NOTHING`,
          [vs.map((c) => c.hash), vs.map((c) => c.id), vs.map((c) => valuesJson(c.values))],
        );
      }
      try {
        await sql.query(
          `INSERT INTO decisions (created_at, request_id, user_name, client_id, model_version, vector_hash, probability, decision, latency_ms)
           SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::float8[], $8::text[], $9::float8[])`,
          [
            batch.map((d) => d.createdAt.toISOString()),
            batch.map((d) => d.requestId),
            batch.map((d) => d.user),
            batch.map((d) => d.clientId),
            batch.map((d) => d.modelVersion),
            compact.map((c) => c.hash),
            batch.map((d) => d.probability),
            batch.map((d) => d.decision),
            batch.map((d) => d.latencyMs),
          ],
        );
      } catch (e) {
        vectors.clear(); // a vector remembered here may be gone from the table: write them all next time
        throw e;
      }
      for (const hash of fresh.keys()) rememberVector(hash);
    },
    async listDecisions(q: DecisionQuery) {
      const { clause, params } = decisionFilter(q);
      const rows = await sql.query<Row>(
        `SELECT ${DECISION_COLUMNS} FROM ${DECISIONS_WITH_VECTORS} ${clause} ORDER BY d.created_at DESC, d.id DESC LIMIT $${params.push(q.limit)}`,
        params,
      );
      return decisionsOf(rows);
    },
    async countDecisions(window: DecisionWindow = {}) {
      const { clause, params } = decisionFilter(window);
      const [r] = await sql.query<Row>(`SELECT count(*) AS n FROM decisions d ${clause}`, params);
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
      const ds = await decisionsOf(
        await sql.query<Row>(
          `SELECT ${DECISION_COLUMNS} FROM ${DECISIONS_WITH_VECTORS} WHERE d.client_id = $1`,
          [clientId],
        ),
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
