import { readFileSync } from 'node:fs';
import { defaultTrainingConfig, resolveTrainingConfig } from './config.js';

describe('resolveTrainingConfig', () => {
  it('overlays nested values on the defaults', () => {
    const c = resolveTrainingConfig({ folds: 3, mlp: { epochs: 2 }, cost: { falseNegative: 5 } });
    expect(c.folds).toBe(3);
    expect(c.mlp.epochs).toBe(2);
    expect(c.mlp.hiddenLayers).toEqual([256, 64]);
    expect(c.cost).toEqual({ falseNegative: 5, falsePositive: 1 });
  });
  it('matches configs/default.json', () => {
    const file = JSON.parse(readFileSync(new URL('../configs/default.json', import.meta.url), 'utf8'));
    expect(resolveTrainingConfig(file)).toEqual(defaultTrainingConfig);
  });
});
