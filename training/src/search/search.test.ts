import { syntheticTable } from '../synthetic.test-util.js';
import { parseSearchConfig } from './search-config.js';
import { bestTrial, runSearch, type TrialResult } from './search.js';

const table = syntheticTable(300, 4);
const search = parseSearchConfig(
  JSON.stringify({
    strategy: 'grid',
    seed: 5,
    folds: 2,
    base: { mlp: { patience: 1 }, baseline: { epochs: 1 } },
    // A learning rate too small to learn anything in 2 epochs, and two that can.
    space: { hiddenLayers: [[4]], learningRate: [1e-7, 0.03, 0.1], epochs: [2], batchSize: [64] },
  }),
  'search.json',
);

describe('runSearch', () => {
  it('runs one CV per trial, reports each, picks the argmax of OOF AUC, and repeats exactly with the seed', async () => {
    const seen: number[] = [];
    const report = await runSearch(table, search, { onTrial: (t) => void seen.push(t.trial) });
    expect(seen).toEqual([1, 2, 3]);
    expect(report.trials).toHaveLength(3);
    expect(report.folds).toBe(2);
    expect(report.trials.map((t) => t.params.learningRate)).toEqual([1e-7, 0.03, 0.1]);
    const aucs = report.trials.map((t) => t.oofAuc);
    expect(report.trials[report.best - 1]!.oofAuc).toBe(Math.max(...aucs));
    expect(report.best).not.toBe(1);
    expect(report.bestConfig).toMatchObject({
      seed: 5,
      folds: 2,
      mlp: { patience: 1, ...report.trials[report.best - 1]!.params },
    });
    for (const t of report.trials) {
      expect(t.bestEpochs).toHaveLength(2);
      expect(t.costPerClient).toBeGreaterThan(0);
    }

    const again = await runSearch(table, search, { trials: 2 });
    expect(again.trials).toHaveLength(2);
    expect(again.trials.map((t) => t.oofAuc)).toEqual(aucs.slice(0, 2));
  }, 60_000);
});

describe('bestTrial', () => {
  const trial = (n: number, oofAuc: number, costPerClient: number) =>
    ({ trial: n, oofAuc, costPerClient }) as TrialResult;
  it('breaks AUC ties by the lower business cost, and never picks a NaN AUC', () => {
    expect(bestTrial([trial(1, 0.7, 0.5), trial(2, 0.72, 0.6), trial(3, 0.72, 0.4)]).trial).toBe(3);
    expect(bestTrial([trial(1, Number.NaN, 0.1), trial(2, 0.6, 0.9)]).trial).toBe(2);
  });
});
