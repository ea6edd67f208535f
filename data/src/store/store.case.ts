import { describe, expect, it } from '@jest/globals';
import type { DecisionRow, DecisionStore } from './types.js';

const row = (over: Partial<DecisionRow> = {}): DecisionRow => ({
  createdAt: new Date('2026-01-01T10:00:00Z'),
  requestId: 'r1',
  user: 'ann',
  clientId: 100002,
  modelVersion: 'v1',
  features: { AMT_CREDIT: 1000, EXT_SOURCE_1: null },
  probability: 0.3,
  decision: 'grant',
  latencyMs: 2.5,
  ...over,
});

/** The contract suite every DecisionStore must pass (run on PGlite and on PostgreSQL). */
export function storeContract(name: string, open: () => Promise<DecisionStore | undefined>): void {
  describe(`DecisionStore contract (${name})`, () => {
    const withStore = async (fn: (s: DecisionStore) => Promise<void>) => {
      const s = await open();
      if (!s) return;
      try {
        await fn(s);
      } finally {
        await s.close();
      }
    };

    it('migrates twice without error and starts empty', () =>
      withStore(async (s) => {
        await s.migrate();
        expect(await s.countDecisions()).toBe(0);
      }));

    it('writes a batch of decisions and reads them back filtered by client and time', () =>
      withStore(async (s) => {
        await s.insertDecisions([
          row(),
          row({
            requestId: 'r2',
            clientId: 7,
            createdAt: new Date('2026-01-02T00:00:00Z'),
            decision: 'refuse',
            probability: 0.9,
          }),
          row({ requestId: 'r3', clientId: null, user: null }),
        ]);
        expect(await s.countDecisions()).toBe(3);
        const mine = await s.listDecisions({ clientId: 100002, limit: 10 });
        expect(mine.map((d) => d.requestId)).toEqual(['r1']);
        expect(mine[0]).toMatchObject({
          user: 'ann',
          modelVersion: 'v1',
          probability: 0.3,
          decision: 'grant',
          latencyMs: 2.5,
          features: { AMT_CREDIT: 1000, EXT_SOURCE_1: null },
        });
        const late = await s.listDecisions({ since: new Date('2026-01-01T12:00:00Z'), limit: 10 });
        expect(late.map((d) => d.requestId)).toEqual(['r2']);
        expect((await s.listDecisions({ limit: 2 })).length).toBe(2);
      }));

    it('pages through a window with a keyset cursor, newest first, and counts the window', () =>
      withStore(async (s) => {
        // Several decisions share a time: the cursor must order them by id too, losing and repeating none.
        const at = (minute: number) => new Date(Date.UTC(2026, 0, 3, 9, minute));
        const rows = [0, 0, 0, 1, 2, 2, 3, 5].map((minute, i) =>
          row({ requestId: `p${i}`, createdAt: at(minute) }),
        );
        await s.insertDecisions(rows);
        const window = { since: at(0), until: at(5) }; // the minute-5 decision is outside
        expect(await s.countDecisions(window)).toBe(7);
        expect(await s.countDecisions({ since: at(2) })).toBe(4);
        const seen: string[] = [];
        let before: { createdAt: Date; id: number } | undefined;
        for (;;) {
          const page = await s.listDecisions({ ...window, limit: 3, ...(before ? { before } : {}) });
          seen.push(...page.map((d) => d.requestId));
          if (page.length < 3) break;
          const last = page.at(-1)!;
          before = { createdAt: last.createdAt, id: last.id };
        }
        expect(seen).toEqual(['p6', 'p5', 'p4', 'p3', 'p2', 'p1', 'p0']);
      }));

    it('stores compact feature vectors (names once per set) and reads them back by name', () =>
      withStore(async (s) => {
        const names = ['AMT_CREDIT', 'EXT_SOURCE_1', 'DAYS_BIRTH'];
        const other = ['AMT_CREDIT', 'FLAG_X'];
        await s.insertDecisions([
          row({ requestId: 'v1', features: { names, values: Float64Array.of(1500.25, NaN, -12000) } }),
          row({ requestId: 'v2', features: { names, values: [0.1, 0.2, Infinity] } }),
          row({ requestId: 'v3', features: { names: other, values: [3, 1] }, modelVersion: 'v2' }),
          row({ requestId: 'o1' }), // by name, in the same batch
        ]);
        const byId = Object.fromEntries((await s.listDecisions({ limit: 10 })).map((d) => [d.requestId, d]));
        expect(byId.v1!.features).toEqual({ AMT_CREDIT: 1500.25, EXT_SOURCE_1: null, DAYS_BIRTH: -12000 });
        expect(byId.v2!.features).toEqual({ AMT_CREDIT: 0.1, EXT_SOURCE_1: 0.2, DAYS_BIRTH: null });
        expect(byId.v3!.features).toEqual({ AMT_CREDIT: 3, FLAG_X: 1 });
        expect(byId.o1!.features).toEqual({ AMT_CREDIT: 1000, EXT_SOURCE_1: null });
        await expect(s.insertDecisions([row({ features: { names, values: [1, 2] } })])).rejects.toMatchObject(
          { code: 'store_feature_width' },
        );
      }));

    it('keeps overrides beside decisions in the history, newest first', () =>
      withStore(async (s) => {
        await s.insertDecisions([row()]);
        const o = await s.insertOverride({
          clientId: 100002,
          user: 'bob',
          decision: 'refuse',
          justification: 'income not verified',
          createdAt: new Date('2026-01-03T00:00:00Z'),
        });
        expect(o.id).toBeGreaterThan(0);
        const h = await s.listHistory(100002);
        expect(h.map((i) => i.kind)).toEqual(['override', 'decision']);
        expect(h[0]).toMatchObject({ user: 'bob', justification: 'income not verified', decision: 'refuse' });
        expect(await s.listHistory(1)).toEqual([]);
      }));

    it('creates, finds, lists and disables users; refuses a duplicate', () =>
      withStore(async (s) => {
        await s.createUser('ann', 'advisor', 'hash');
        await expect(s.createUser('ann', 'admin', 'x')).rejects.toMatchObject({ code: 'user_exists' });
        expect(await s.findUser('ann')).toMatchObject({
          role: 'advisor',
          passwordHash: 'hash',
          disabled: false,
        });
        expect(await s.findUser('nobody')).toBeUndefined();
        expect(await s.disableUser('ann')).toBe(true);
        expect(await s.disableUser('nobody')).toBe(false);
        expect((await s.listUsers()).map((u) => [u.name, u.disabled])).toEqual([['ann', true]]);
      }));

    it('finds api keys by hash until revoked', () =>
      withStore(async (s) => {
        await s.createApiKey('k1', 'batch job', 'ops', 'h1');
        expect(await s.findApiKeyByHash('h1')).toMatchObject({ id: 'k1', role: 'ops', revoked: false });
        expect(await s.revokeApiKey('k1')).toBe(true);
        expect(await s.findApiKeyByHash('h1')).toBeUndefined();
        expect((await s.listApiKeys())[0]?.revoked).toBe(true);
      }));

    it('finds live sessions only, and none for a disabled user', () =>
      withStore(async (s) => {
        await s.createUser('ann', 'admin', 'hash');
        const now = new Date('2026-01-01T00:00:00Z');
        await s.createSession('t1', 'ann', 'csrf', new Date('2026-01-01T01:00:00Z'));
        expect(await s.findSession('t1', now)).toMatchObject({
          user: 'ann',
          role: 'admin',
          csrfToken: 'csrf',
        });
        expect(await s.findSession('t1', new Date('2026-01-01T02:00:00Z'))).toBeUndefined();
        await s.deleteSession('t1');
        expect(await s.findSession('t1', now)).toBeUndefined();
        await s.createSession('t2', 'ann', 'c', new Date('2026-01-01T01:00:00Z'));
        await s.disableUser('ann');
        expect(await s.findSession('t2', now)).toBeUndefined();
      }));
  });
}
