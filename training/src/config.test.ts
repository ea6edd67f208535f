import { readFileSync } from 'node:fs';
import { defaultTrainingConfig, resolveTrainingConfig, validateTrainingConfig } from './config.js';

describe('resolveTrainingConfig', () => {
  it('overlays nested values on the defaults', () => {
    const c = resolveTrainingConfig({ folds: 3, mlp: { epochs: 2 }, cost: { falseNegative: 5 } });
    expect(c.folds).toBe(3);
    expect(c.mlp.epochs).toBe(2);
    expect(c.mlp.hiddenLayers).toEqual([64]);
    expect(c.cost).toEqual({ falseNegative: 5, falsePositive: 1 });
  });
  it('matches configs/default.json', () => {
    const file = JSON.parse(readFileSync(new URL('../configs/default.json', import.meta.url), 'utf8'));
    expect(resolveTrainingConfig(file)).toEqual(defaultTrainingConfig);
  });
});

describe('validateTrainingConfig', () => {
  it('names the key at fault', () => {
    expect(() => validateTrainingConfig(resolveTrainingConfig({ folds: 1 }))).toThrow(
      /folds must be a whole number >= 2, got 1/,
    );
    expect(() => validateTrainingConfig(resolveTrainingConfig({ mlp: { dropout: 1.5 } }))).toThrow(
      /mlp\.dropout/,
    );
    expect(() => validateTrainingConfig(resolveTrainingConfig({ mlp: { lrDecay: 0 } }))).toThrow(
      /mlp\.lrDecay must be a number in \(0, 1\], got 0/,
    );
    expect(() =>
      validateTrainingConfig(resolveTrainingConfig({ mlp: { classWeight: 'equal' as 'none' } })),
    ).toThrow(/mlp\.classWeight must be "balanced", "sqrt" or "none"/);
    expect(() => validateTrainingConfig(resolveTrainingConfig({ maxInputs: -1 }))).toThrow(/maxInputs/);
    expect(() => validateTrainingConfig(resolveTrainingConfig({ piecewiseBins: 2.5 }))).toThrow(
      /piecewiseBins/,
    );
    expect(() =>
      validateTrainingConfig(resolveTrainingConfig({ piecewiseEdges: 'tree' as 'target' })),
    ).toThrow(/piecewiseEdges must be "equal" or "target", got "tree"/);
    expect(() => validateTrainingConfig(resolveTrainingConfig({ selectionScore: 'gain' as 'auc' }))).toThrow(
      /selectionScore must be "auc" or "steps", got "gain"/,
    );
    expect(validateTrainingConfig(defaultTrainingConfig)).toBe(defaultTrainingConfig);
  });
});
