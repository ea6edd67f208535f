export type Role = 'advisor' | 'ops' | 'admin';
export type Decision = 'grant' | 'refuse';

/**
 * A client's features as one array in the order of `names` (NaN or ±Infinity = missing). Pass the same
 * `names` array for every row of a model version: the list is stored once, each row holds only numbers.
 */
export interface FeatureVector {
  names: readonly string[];
  values: ArrayLike<number>;
}
export interface DecisionRow {
  createdAt: Date;
  requestId: string;
  user: string | null;
  clientId: number | null;
  modelVersion: string;
  /** Input features needed for drift: by feature name (null = missing), or compact (what serving writes). */
  features: Record<string, number | null> | FeatureVector;
  probability: number;
  decision: Decision;
  latencyMs: number;
}
export interface StoredDecision extends Omit<DecisionRow, 'features'> {
  id: number;
  /** By feature name (null = missing), however the row was written. */
  features: Record<string, number | null>;
}
export interface OverrideRow {
  clientId: number;
  user: string;
  decision: Decision;
  justification: string;
  createdAt?: Date;
}
export interface StoredOverride extends Required<OverrideRow> {
  id: number;
}
export type HistoryItem = ({ kind: 'decision' } & StoredDecision) | ({ kind: 'override' } & StoredOverride);
export interface UserRecord {
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdAt: Date;
}
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  revoked: boolean;
  createdAt: Date;
}
export interface SessionRecord {
  user: string;
  role: Role;
  csrfToken: string;
  expiresAt: Date;
}
/** Decisions made in [since, until); either bound may be left open. */
export interface DecisionWindow {
  since?: Date;
  until?: Date;
}
export interface DecisionQuery extends DecisionWindow {
  clientId?: number;
  /**
   * Keyset paging: only the decisions that come after this one in the list's order (newest first: by
   * created_at, then id). Pass the last decision of a page to read the next page.
   */
  before?: { createdAt: Date; id: number };
  limit: number;
}

/** The decision store (contract 4): one interface, PGlite or PostgreSQL underneath. */
export interface DecisionStore {
  readonly kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  insertDecisions(batch: readonly DecisionRow[]): Promise<void>;
  listDecisions(query: DecisionQuery): Promise<StoredDecision[]>;
  /** Every decision, or those made in the window. */
  countDecisions(window?: DecisionWindow): Promise<number>;
  insertOverride(row: OverrideRow): Promise<StoredOverride>;
  listHistory(clientId: number): Promise<HistoryItem[]>;
  createUser(name: string, role: Role, passwordHash: string): Promise<void>;
  findUser(name: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  disableUser(name: string): Promise<boolean>;
  createApiKey(id: string, name: string, role: Role, keyHash: string): Promise<void>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  revokeApiKey(id: string): Promise<boolean>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  createSession(tokenHash: string, user: string, csrfToken: string, expiresAt: Date): Promise<void>;
  findSession(tokenHash: string, now: Date): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  close(): Promise<void>;
}
