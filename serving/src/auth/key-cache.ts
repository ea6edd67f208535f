import type { ApiKeyRecord, DecisionStore } from '@credit/data';

/**
 * API-key lookups (key hash -> key record) kept in memory for a short time, so a scoring request does not
 * query the store every time (with PGlite the query runs synchronously on the event loop).
 * The price: a key revoked with `credit keys revoke` (another process) keeps working here for up to
 * `ttlMs` (30 s by default); an unknown key is remembered as unknown for `negativeTtlMs` (2 s) only, so
 * a key created meanwhile works almost at once while a flood of wrong keys still costs one query per 2 s.
 */
export interface ApiKeyCache {
  find(keyHash: string): Promise<ApiKeyRecord | undefined>;
  readonly size: number;
}

export function createApiKeyCache(
  store: Pick<DecisionStore, 'findApiKeyByHash'>,
  now: () => Date,
  opts: { ttlMs?: number; negativeTtlMs?: number; maxEntries?: number } = {},
): ApiKeyCache {
  const ttlMs = opts.ttlMs ?? 30_000;
  const negativeTtlMs = opts.negativeTtlMs ?? 2_000;
  const maxEntries = opts.maxEntries ?? 10_000;
  const entries = new Map<string, { key: ApiKeyRecord | undefined; until: number }>();
  return {
    get size() {
      return entries.size;
    },
    async find(keyHash) {
      const t = now().getTime();
      const hit = entries.get(keyHash);
      if (hit && hit.until > t) return hit.key;
      const key = await store.findApiKeyByHash(keyHash);
      entries.delete(keyHash); // re-inserted last: the Map's order is then oldest-first for eviction
      if (entries.size >= maxEntries) {
        for (const [h, e] of entries) if (e.until <= t) entries.delete(h);
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      }
      entries.set(keyHash, { key, until: t + (key ? ttlMs : negativeTtlMs) });
      return key;
    },
  };
}
