import type { ApiKeyRecord } from '@credit/data';
import { createApiKeyCache } from './key-cache.js';

/** A store whose keys can be revoked, counting the queries it answers. */
function fakeStore() {
  const keys = new Map<string, ApiKeyRecord>();
  const store = {
    queries: 0,
    keys,
    findApiKeyByHash(hash: string) {
      store.queries++;
      const k = keys.get(hash);
      return Promise.resolve(k && !k.revoked ? k : undefined);
    },
  };
  return store;
}
const record = (id: string): ApiKeyRecord => ({
  id,
  name: id,
  role: 'ops',
  revoked: false,
  createdAt: new Date(0),
});

describe('API-key cache', () => {
  it('answers a known key from memory for 30 s, then asks the store again (a revoke shows within the TTL)', async () => {
    const store = fakeStore();
    store.keys.set('h1', record('k1'));
    let t = 1_000_000;
    const cache = createApiKeyCache(store, () => new Date(t));
    expect((await cache.find('h1'))?.id).toBe('k1');
    store.keys.get('h1')!.revoked = true; // revoked by another process
    t += 29_000;
    expect((await cache.find('h1'))?.id).toBe('k1'); // still cached
    expect(store.queries).toBe(1);
    t += 1_001;
    expect(await cache.find('h1')).toBeUndefined(); // TTL over: the revoke is seen
    expect(store.queries).toBe(2);
  });

  it('remembers an unknown key for 2 s only, so a key created meanwhile works soon', async () => {
    const store = fakeStore();
    let t = 5_000;
    const cache = createApiKeyCache(store, () => new Date(t));
    expect(await cache.find('new')).toBeUndefined();
    store.keys.set('new', record('k2'));
    t += 1_500;
    expect(await cache.find('new')).toBeUndefined();
    expect(store.queries).toBe(1);
    t += 600;
    expect((await cache.find('new'))?.id).toBe('k2');
    expect(store.queries).toBe(2);
  });

  it('keeps at most maxEntries keys (a flood of wrong keys cannot grow memory)', async () => {
    const store = fakeStore();
    store.keys.set('good', record('k'));
    const cache = createApiKeyCache(store, () => new Date(0), { maxEntries: 3 });
    await cache.find('good');
    for (let i = 0; i < 10; i++) await cache.find(`bad${i}`);
    expect(cache.size).toBe(3);
  });
});
