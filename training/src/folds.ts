import { createRandom, shuffleInPlace } from './random.js';

/** Stratified k-fold: fold number per row (positives and negatives dealt out separately, seeded). */
export function stratifiedFolds(
  target: Float64Array,
  rows: ArrayLike<number>,
  k: number,
  seed: number,
): Int32Array {
  const random = createRandom(seed);
  const fold = new Int32Array(rows.length);
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < rows.length; i++) if (target[rows[i]!] === cls) members.push(i);
    shuffleInPlace(members, random);
    members.forEach((i, position) => (fold[i] = position % k));
  }
  return fold;
}
