import { fitPreprocessor, selectInputs } from './preprocess.js';
import { createRandom } from './random.js';
import { stepFunctionScore } from './selection-score.js';
import { rocAuc } from './metrics.js';

/**
 * Three features over n rows: U (risk 30% at both ends, 5% in the middle: no monotone signal), WEAK (a
 * slight monotone rise) and NOISE; U is missing on every 10th row.
 */
function table(n: number) {
  const random = createRandom(11);
  const u = new Float64Array(n);
  const weak = new Float64Array(n);
  const noise = new Float64Array(n);
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const a = random();
    const b = random();
    u[r] = r % 10 === 0 ? Number.NaN : a;
    weak[r] = b;
    noise[r] = random();
    const risk = (a < 0.15 || a > 0.85 ? 0.3 : 0.05) + 0.1 * b;
    y[r] = random() < risk ? 1 : 0;
  }
  return { names: ['U', 'WEAK', 'NOISE'], columns: [u, weak, noise], y };
}

describe('stepFunctionScore', () => {
  const n = 6000;
  const { names, columns, y } = table(n);
  const rows = Array.from({ length: n }, (_, i) => i);
  const pre = fitPreprocessor(names, columns, rows, 0.01);
  const spec = (name: string) => pre.features.find((f) => f.name === name)!;

  it('scores a risk that is high at both ends, which a plain AUC misses', () => {
    const filled = Float64Array.from(columns[0]!, (v) => (Number.isFinite(v) ? v : spec('U').median));
    const plain = Math.abs(rocAuc(y, filled) - 0.5);
    const steps = stepFunctionScore(spec('U'), columns[0]!, rows, y, 8);
    expect(plain).toBeLessThan(0.03);
    expect(steps).toBeGreaterThan(0.15);
  });
  it('gives 0 to noise (the chi2 gate makes no cut) and to any feature without piecewise slices', () => {
    expect(stepFunctionScore(spec('NOISE'), columns[2]!, rows, y, 8)).toBe(0);
    expect(stepFunctionScore(spec('U'), columns[0]!, rows, y, 0)).toBe(0);
  });
  it('ranks the value input in selectInputs when given, and changes nothing otherwise', () => {
    const plain = selectInputs(pre, columns, rows, y, 1);
    expect(plain.outputs).toEqual([{ feature: 'WEAK', part: 'value' }]);
    const withSteps = selectInputs(pre, columns, rows, y, 1, 1, (s, column, r, labels) =>
      stepFunctionScore(s, column, r, labels, 8),
    );
    expect(withSteps.outputs).toEqual([{ feature: 'U', part: 'value' }]);
  });
});
