import { TrackingError } from '../errors.js';
import { LIMITS, splitBatch, type Batch } from './batch.js';

const kv = (n: number, prefix: string, value = 'v'): { key: string; value: string }[] =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value }));

describe('splitBatch', () => {
  it('keeps every call within the per-kind, total-item and size limits and loses nothing', () => {
    const batch: Batch = {
      params: kv(250, 'p'),
      tags: kv(130, 't'),
      metrics: Array.from({ length: 2500 }, (_, i) => ({ key: 'loss', value: i, step: i, timestamp: 1 })),
    };
    const parts = splitBatch(batch);
    for (const p of parts) {
      expect(p.params.length).toBeLessThanOrEqual(LIMITS.params);
      expect(p.tags.length).toBeLessThanOrEqual(LIMITS.tags);
      expect(p.metrics.length).toBeLessThanOrEqual(LIMITS.metrics);
      expect(p.params.length + p.tags.length + p.metrics.length).toBeLessThanOrEqual(LIMITS.items);
      expect(Buffer.byteLength(JSON.stringify({ run_id: 'x'.repeat(32), ...p }))).toBeLessThanOrEqual(
        LIMITS.bytes,
      );
    }
    expect(parts.flatMap((p) => p.params)).toEqual(batch.params);
    expect(parts.flatMap((p) => p.tags)).toEqual(batch.tags);
    expect(parts.flatMap((p) => p.metrics)).toEqual(batch.metrics);
  });

  it('splits on request size when values are large', () => {
    const parts = splitBatch({
      params: kv(100, 'p', 'x'.repeat(5000)),
      tags: kv(100, 't', 'y'.repeat(7000)),
      metrics: [],
    });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(JSON.stringify(p))).toBeLessThan(LIMITS.bytes);
  });

  it('refuses too long param values and keys instead of cutting them', () => {
    const long = { params: [{ key: 'recipe', value: 'x'.repeat(6001) }], tags: [], metrics: [] };
    expect(() => splitBatch(long)).toThrow(TrackingError);
    expect(() => splitBatch(long)).toThrow(/param "recipe" has a value of 6001 characters/);
    expect(() =>
      splitBatch({ params: [{ key: 'k'.repeat(251), value: '1' }], tags: [], metrics: [] }),
    ).toThrow(/251 characters/);
    expect(
      splitBatch({ params: [{ key: 'ok', value: 'x'.repeat(6000) }], tags: [], metrics: [] }),
    ).toHaveLength(1);
  });
});
