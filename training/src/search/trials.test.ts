import { parseSearchConfig } from './search-config.js';
import { generateTrials } from './trials.js';

const config = (value: unknown) => parseSearchConfig(JSON.stringify(value), 'test.json');

describe('generateTrials', () => {
  it('grid: every combination, first key slowest, capped by trials', () => {
    const grid = config({
      strategy: 'grid',
      space: { hiddenLayers: [[8], [16]], learningRate: [0.01, 0.1], batchSize: [32, 64, 128] },
    });
    const all = generateTrials(grid);
    expect(all).toHaveLength(12);
    expect(all[0]).toEqual({ hiddenLayers: [8], learningRate: 0.01, batchSize: 32 });
    expect(all[11]).toEqual({ hiddenLayers: [16], learningRate: 0.1, batchSize: 128 });
    expect(new Set(all.map((t) => JSON.stringify(t))).size).toBe(12);
    expect(generateTrials(grid, 5)).toEqual(all.slice(0, 5));
  });

  it('random: n seeded draws inside the declared space', () => {
    const random = config({
      strategy: 'random',
      trials: 20,
      seed: 9,
      space: {
        learningRate: { min: 1e-4, max: 1e-2, log: true },
        dropout: { min: 0, max: 0.5 },
        epochs: [3, 5],
      },
    });
    const a = generateTrials(random);
    expect(a).toHaveLength(20);
    expect(generateTrials(random)).toEqual(a);
    expect(generateTrials({ ...random, seed: 10 })).not.toEqual(a);
    expect(generateTrials(random, 3)).toEqual(a.slice(0, 3));
    for (const t of a) {
      expect(t.learningRate).toBeGreaterThanOrEqual(1e-4);
      expect(t.learningRate).toBeLessThanOrEqual(1e-2);
      expect(t.dropout).toBeGreaterThanOrEqual(0);
      expect(t.dropout).toBeLessThan(0.5);
      expect([3, 5]).toContain(t.epochs);
    }
    // Log-uniform: about half the draws below the geometric middle (1e-3).
    const below = a.filter((t) => t.learningRate! < 1e-3).length;
    expect(below).toBeGreaterThan(4);
    expect(below).toBeLessThan(16);
  });
});
