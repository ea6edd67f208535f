import { describe, expect, it } from '@jest/globals';
import { loadDriftConfig } from './config.js';
import { computeDrift } from './compute.js';
import { computeDriftParallel } from './parallel.js';

function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

/** Numeric, binary, small-code and 10%-missing columns, a shift in every third one. */
function table(rows: number, features: number, shift: number, seed: number) {
  const rand = seeded(seed);
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (let f = 0; f < features; f++) {
    const s = f % 3 === 0 ? shift : 0;
    names.push(`F${f}`);
    columns.push(
      Float64Array.from({ length: rows }, () => {
        if (f % 4 === 3 && rand() < 0.1) return NaN;
        if (f % 4 === 1) return rand() < 0.3 + s / 4 ? 1 : 0;
        if (f % 4 === 2) return Math.floor(rand() * 5 + s);
        return rand() + s;
      }),
    );
  }
  return { names, columns };
}

describe('computeDriftParallel', () => {
  it('gives exactly what computeDrift gives, computed in worker threads', async () => {
    const input = {
      reference: table(3000, 12, 0, 1),
      current: table(1000, 12, 0.3, 2),
      importance: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`F${i}`, 1 / (i + 1)])),
      config: loadDriftConfig(),
      now: () => new Date(0),
    };
    const fallbacks: string[] = [];
    const progress: number[] = [];
    const parallel = await computeDriftParallel(
      { ...input, onProgress: (done) => progress.push(done) },
      { threads: 2, minCells: 0, onFallback: (r) => fallbacks.push(r) },
    );
    expect(fallbacks).toEqual([]);
    expect(parallel).toEqual(computeDrift(input));
    expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(parallel.summary.driftedFeatures).toBeGreaterThan(0);
  }, 60_000);

  it('stays in this thread for small inputs or one thread', async () => {
    const input = { reference: table(50, 2, 0, 3), current: table(50, 2, 0, 4), config: loadDriftConfig() };
    const reasons: string[] = [];
    await computeDriftParallel(input, { onFallback: (r) => reasons.push(r) });
    await computeDriftParallel(input, { threads: 1, minCells: 0, onFallback: (r) => reasons.push(r) });
    expect(reasons).toEqual(['small input', 'one thread']);
  });
});
