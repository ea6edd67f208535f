import { describe, expect, it } from '@jest/globals';
import { createModelSlot } from './model-slot.js';
import { watchAlias, type WatchLogger } from './alias-watcher.js';

function recordingLogger() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const logger: WatchLogger = {
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
  return { lines, logger };
}

describe('createModelSlot', () => {
  it('swaps only after a load succeeds; a reader keeps the object it read', async () => {
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    const slot = createModelSlot({ v: '1' }, async (target) => {
      await gate;
      return { v: target ?? 'same' };
    });
    const held = slot.current(); // a request in flight
    const reloading = slot.reload('2');
    expect(slot.current().v).toBe('1'); // still loading
    release();
    await reloading;
    expect(slot.current().v).toBe('2');
    expect(held.v).toBe('1');
  });

  it('keeps the previous model when a load fails, and the next reload still runs', async () => {
    const slot = createModelSlot({ v: '1' }, async (target) => {
      if (target === 'bad') throw new Error('corrupt bundle');
      return { v: target ?? '?' };
    });
    await expect(slot.reload('bad')).rejects.toThrow('corrupt bundle');
    expect(slot.current().v).toBe('1');
    await slot.reload('3');
    expect(slot.current().v).toBe('3');
  });

  it('runs reloads one at a time in call order (the last call wins)', async () => {
    const order: string[] = [];
    const slot = createModelSlot({ v: '0' }, async (target) => {
      order.push(`start ${target}`);
      await new Promise((ok) => setTimeout(ok, target === 'a' ? 30 : 1));
      order.push(`end ${target}`);
      return { v: target! };
    });
    await Promise.all([slot.reload('a'), slot.reload('b')]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(slot.current().v).toBe('b');
  });
});

describe('watchAlias', () => {
  it('reloads when the alias moves, not when it stays, and logs a failed load', async () => {
    let alias: string | undefined = '1';
    let served = '1';
    const reloads: string[] = [];
    const { lines, logger } = recordingLogger();
    const watcher = watchAlias({
      intervalMs: 60_000, // driven by check() below
      uri: 'models:/m@champion',
      readVersion: async () => alias,
      servedVersion: () => served,
      reload: async (v) => {
        reloads.push(v);
        if (v === '3') throw new Error('weights.bin missing');
        served = v;
      },
      logger,
    });
    try {
      expect(await watcher.check()).toBe('unchanged');
      alias = '2';
      expect(await watcher.check()).toBe('reloaded');
      expect(served).toBe('2');
      expect(await watcher.check()).toBe('unchanged');
      alias = '3';
      expect(await watcher.check()).toBe('failed');
      expect(served).toBe('2');
      alias = undefined; // alias deleted: keep serving
      expect(await watcher.check()).toBe('unchanged');
      expect(reloads).toEqual(['2', '3']);
      const failure = lines.find((l) => l.level === 'error');
      expect(failure?.fields).toMatchObject({ version: '3', error: 'Error: weights.bin missing' });
    } finally {
      await watcher.stop();
    }
  });

  it('logs an unreachable tracker and keeps polling on its own timer', async () => {
    let calls = 0;
    const { lines, logger } = recordingLogger();
    const watcher = watchAlias({
      intervalMs: 10,
      uri: 'models:/m@champion',
      readVersion: async () => {
        calls++;
        if (calls === 1) throw new Error('ECONNREFUSED');
        return '1';
      },
      servedVersion: () => '1',
      reload: async () => undefined,
      logger,
    });
    const deadline = Date.now() + 5000;
    while (calls < 3 && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 10));
    await watcher.stop();
    const after = calls;
    await new Promise((ok) => setTimeout(ok, 50));
    expect(after).toBeGreaterThanOrEqual(3);
    expect(calls).toBe(after); // stopped means stopped
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });

  it('refuses a non-positive interval', () => {
    const { logger } = recordingLogger();
    expect(() =>
      watchAlias({
        intervalMs: 0,
        uri: 'x',
        readVersion: async () => undefined,
        servedVersion: () => undefined,
        reload: async () => undefined,
        logger,
      }),
    ).toThrow(RangeError);
  });
});
