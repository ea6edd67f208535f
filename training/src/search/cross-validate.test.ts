import { stratifiedFolds } from '../folds.js';
import { syntheticTable } from '../synthetic.test-util.js';
import { labelledRows } from '../fold-rows.js';
import { crossValidate } from './cross-validate.js';

const table = syntheticTable(240, 6);
const config = {
  folds: 2,
  seed: 11,
  mlp: { hiddenLayers: [4], epochs: 2, patience: 1, batchSize: 64, learningRate: 0.03, ensemble: 1 },
  baseline: { epochs: 3, patience: 2, batchSize: 32, learningRate: 0.1 },
};

describe('crossValidate', () => {
  it('uses a given fold assignment, fits the baseline on request and averages several seeds', async () => {
    const rows = labelledRows(table);
    const folds = stratifiedFolds(table.target, rows, 2, 11);
    const a = await crossValidate(table, { config, baseline: true });
    expect(Array.from(a.fold)).toEqual(Array.from(folds));
    expect(a.metrics.baseline!.rocAuc).toBeGreaterThan(0.5);
    expect(a.folds.map((f) => f.bestEpochs.length)).toEqual([1, 1]);

    const other = stratifiedFolds(table.target, rows, 2, 99);
    const b = await crossValidate(table, { config, folds: other });
    expect(b.metrics.baseline).toBeUndefined();
    expect(Array.from(b.fold)).toEqual(Array.from(other));
    expect(Array.from(b.oof.mlp)).not.toEqual(Array.from(a.oof.mlp));

    const saved: number[][] = [];
    const two = await crossValidate(table, {
      config,
      seeds: 2,
      onFold: (f) => void saved.push(f.bestEpochs),
    });
    expect(saved.map((s) => s.length)).toEqual([2, 2]);
    // An ensemble of 2 per seed: one best epoch per network.
    const ensemble = await crossValidate(table, {
      config: { ...config, mlp: { ...config.mlp, ensemble: 2 } },
    });
    expect(ensemble.folds.map((f) => f.bestEpochs.length)).toEqual([2, 2]);
    expect(Array.from(two.oof.mlp)).not.toEqual(Array.from(a.oof.mlp));
    await expect(crossValidate(table, { config, folds: new Int32Array(3) })).rejects.toThrow(
      /fold assignment/,
    );
  }, 60_000);
});
