import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openStore } from '@credit/data';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDecisionLog } from './decision-log.js';

describe('loadDecisionLog (the serving decision log, read page by page)', () => {
  const root = mkdtempSync(join(tmpdir(), 'credit-decision-log-'));
  const t0 = Date.UTC(2026, 2, 1, 8);
  const window = { since: new Date(t0), until: new Date(t0 + 60_000) };
  // 23 decisions in the window, several sharing a time (the pages must split them by id), written in an
  // order that is not their time order; 2 more outside it.
  const times = Array.from({ length: 23 }, (_, i) => t0 + ((i * 7) % 11) * 1000);

  beforeAll(async () => {
    const store = await openStore({ dataDir: join(root, 'artifacts', 'store') });
    await store.insertDecisions(
      [...times, t0 - 1, t0 + 60_000].map((at, i) => ({
        createdAt: new Date(at),
        requestId: `r${i}`,
        user: null,
        clientId: i,
        modelVersion: i % 2 ? 'm-odd' : 'm-even',
        features: { AMT: i, FLAG: i % 5 === 0 ? null : 1 },
        probability: i / 100,
        decision: 'grant' as const,
        latencyMs: 1,
      })),
    );
    await store.close();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads every decision of the window once, oldest first, whatever the page size', async () => {
    const paged = await loadDecisionLog(['AMT', 'FLAG'], window, { root }, { pageRows: 4 });
    const whole = await loadDecisionLog(['AMT', 'FLAG'], window, { root }, { pageRows: 1000 });
    expect(paged.target.length).toBe(23);
    expect(Array.from(paged.columns[0]!)).toEqual(Array.from(whole.columns[0]!));
    expect(Array.from(paged.predictions)).toEqual(Array.from(whole.predictions));
    // Each decision once, in time order (ties in writing order), with its own probability.
    const order = times.map((at, i) => ({ at, i })).sort((a, b) => a.at - b.at || a.i - b.i);
    expect(Array.from(paged.columns[0]!)).toEqual(order.map((o) => o.i));
    expect(Array.from(paged.predictions)).toEqual(order.map((o) => o.i / 100));
    // A missing feature (null in the log) reads as NaN.
    expect(order.flatMap((o, r) => (Number.isNaN(paged.columns[1]![r]) ? [o.i] : []))).toEqual(
      order.map((o) => o.i).filter((i) => i % 5 === 0),
    );
    expect(paged.modelVersions.sort()).toEqual(['m-even', 'm-odd']);
    expect(paged.leftOut).toBe(0);
  });

  it('pins an open window to the time the read began', async () => {
    const before = Date.now();
    const open = await loadDecisionLog(['AMT'], { since: new Date(t0) }, { root });
    expect(open.window.until.getTime()).toBeGreaterThanOrEqual(before);
    expect(open.target.length).toBe(24); // the window's 23 and the one at its end
  });

  it('refuses a window too large to hold, naming its size and what to do', async () => {
    await expect(loadDecisionLog(['AMT', 'FLAG'], window, { root }, { maxCells: 40 })).rejects.toThrow(
      /holds 23 decisions x 2 features, more than 40 values: narrow --since\/--until/,
    );
  });

  it('says when the window is empty', async () => {
    const empty = { since: new Date(t0 - 120_000), until: new Date(t0 - 60_000) };
    await expect(loadDecisionLog(['AMT'], empty, { root })).rejects.toThrow(
      /no decision in .* widen --since/,
    );
  });
});
