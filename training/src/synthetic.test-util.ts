import { createRandom } from './random.js';
import type { FeatureTable } from './types.js';

/** A small labelled table where the default risk rises with `score_low` being low and `debt` high. */
export function syntheticTable(rows: number, seed = 1): FeatureTable {
  const random = createRandom(seed);
  const score = new Float64Array(rows);
  const debt = new Float64Array(rows);
  const noise = new Float64Array(rows);
  const gender = new Float64Array(rows);
  const daysBirth = new Float64Array(rows);
  const target = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    score[i] = random() < 0.1 ? NaN : random();
    debt[i] = Math.exp(random() * 8);
    noise[i] = random();
    gender[i] = random() < 0.5 ? 0 : 1;
    daysBirth[i] = -Math.round(365 * (20 + random() * 45));
    const s = Number.isNaN(score[i]) ? 0.5 : score[i]!;
    const z = -1.5 - 8 * (s - 0.5) + 0.4 * (Math.log(debt[i]!) - 4);
    target[i] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return {
    ids: Float64Array.from({ length: rows }, (_, i) => 100000 + i),
    target,
    names: ['EXT_SOURCE_2', 'AMT_CREDIT', 'NOISE', 'CODE_GENDER', 'DAYS_BIRTH'],
    columns: [score, debt, noise, gender, daysBirth],
  };
}
