/**
 * A decision committed inside the window while it is read (the server keeps writing; a late commit can carry
 * a time already passed): the reader counted the window first, so its columns are full before the last
 * page ends. It must keep the newest `count` decisions, say how many it left out, and never write past its
 * columns. The race is made deterministic by committing the late decision right after the count, through
 * the real store.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { DecisionStore, DecisionRow, OpenStoreOptions } from '@credit/data';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const data = await import('@credit/data');
const t0 = Date.UTC(2026, 2, 1, 8);
const decision = (at: number, i: number): DecisionRow => ({
  createdAt: new Date(at),
  requestId: `r${i}`,
  user: null,
  clientId: i,
  modelVersion: 'm1',
  features: { AMT: i },
  probability: i / 100,
  decision: 'grant',
  latencyMs: 1,
});
/** Committed after the count, timed before every other decision of the window: the oldest. */
const late = decision(t0 + 500, 99);

jest.unstable_mockModule('@credit/data', () => ({
  ...data,
  openStore: async (options: OpenStoreOptions): Promise<DecisionStore> => {
    const store = await data.openStore(options);
    const countDecisions = store.countDecisions.bind(store);
    store.countDecisions = async (window) => {
      const count = await countDecisions(window);
      await store.insertDecisions([late]);
      return count;
    };
    return store;
  },
}));
const { loadDecisionLog } = await import('./decision-log.js');

describe('loadDecisionLog while decisions are committed into the window', () => {
  const root = mkdtempSync(join(tmpdir(), 'credit-decision-log-race-'));
  const window = { since: new Date(t0), until: new Date(t0 + 60_000) };

  beforeAll(async () => {
    const store = await data.openStore({ dataDir: join(root, 'artifacts', 'store') });
    await store.insertDecisions(Array.from({ length: 9 }, (_, i) => decision(t0 + 1000 * (i + 1), i)));
    await store.close();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps the counted newest decisions, oldest first, and reports the late one as left out', async () => {
    const table = await loadDecisionLog(['AMT'], window, { root }, { pageRows: 4 });
    expect(table.leftOut).toBe(1);
    expect(Array.from(table.columns[0]!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(table.predictions)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => i / 100));
  });
});
