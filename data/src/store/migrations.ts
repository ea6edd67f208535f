/** Ordered schema migrations, the same SQL for PGlite and PostgreSQL. Append only; never edit a shipped one. */
export const migrations: readonly { id: number; sql: string }[] = [
  {
    id: 1,
    sql: `
CREATE TABLE decisions (
  id BIGSERIAL PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL,
  request_id TEXT NOT NULL,
  user_name TEXT,
  client_id BIGINT,
  model_version TEXT NOT NULL,
  features JSONB NOT NULL,
  probability DOUBLE PRECISION NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('grant','refuse')),
  latency_ms DOUBLE PRECISION NOT NULL
);
CREATE INDEX decisions_client ON decisions (client_id, created_at);
CREATE INDEX decisions_time ON decisions (created_at);
CREATE TABLE overrides (
  id BIGSERIAL PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL,
  client_id BIGINT NOT NULL,
  user_name TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('grant','refuse')),
  justification TEXT NOT NULL
);
CREATE INDEX overrides_client ON overrides (client_id, created_at);
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('advisor','ops','admin')),
  password_hash TEXT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('advisor','ops','admin')),
  key_hash TEXT NOT NULL UNIQUE,
  revoked BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL REFERENCES users(name),
  csrf_token TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);`,
  },
  {
    // Decision rows hold their features as a plain JSON number array (feature_values, in the order of
    // the names stored once per feature set) instead of a ~730-key JSONB object: about 6x cheaper to
    // insert on PGlite. STORAGE EXTERNAL skips TOAST compression, which cost more than it saved.
    // Rows written before keep their `features` object; the reader handles both.
    id: 2,
    sql: `
CREATE TABLE decision_feature_sets (
  id TEXT PRIMARY KEY,
  names JSONB NOT NULL
);
ALTER TABLE decisions ALTER COLUMN features DROP NOT NULL;
ALTER TABLE decisions ADD COLUMN feature_set TEXT;
ALTER TABLE decisions ADD COLUMN feature_values TEXT;
ALTER TABLE decisions ALTER COLUMN feature_values SET STORAGE EXTERNAL;
ALTER TABLE decisions ADD CONSTRAINT decisions_features_given
  CHECK (features IS NOT NULL OR (feature_set IS NOT NULL AND feature_values IS NOT NULL))`,
  },
  {
    // A client scored again with the same inputs has the same feature vector: it is stored once in
    // decision_vectors (keyed by a hash of the feature set and the values) and decision rows refer to
    // it. Writing ~700 numbers was most of an insert's cost; rows of migration 2 are still read.
    id: 3,
    sql: `
CREATE TABLE decision_vectors (
  hash TEXT PRIMARY KEY,
  feature_set TEXT NOT NULL REFERENCES decision_feature_sets(id),
  feature_values TEXT NOT NULL
);
ALTER TABLE decision_vectors ALTER COLUMN feature_values SET STORAGE EXTERNAL;
ALTER TABLE decisions ADD COLUMN vector_hash TEXT REFERENCES decision_vectors(hash);
ALTER TABLE decisions DROP CONSTRAINT decisions_features_given;
ALTER TABLE decisions ADD CONSTRAINT decisions_features_given
  CHECK (features IS NOT NULL OR (feature_set IS NOT NULL AND feature_values IS NOT NULL) OR vector_hash IS NOT NULL)`,
  },
];
