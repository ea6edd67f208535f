/**
 * Jensen-Shannon distance (base 2, in [0, 1]) between two count or share vectors: the square root of
 * the JS divergence, as scipy.spatial.distance.jensenshannon(p, q, base=2).
 */
export function jensenShannonDistance(p: number[], q: number[]): number {
  const sp = p.reduce((s, v) => s + v, 0);
  const sq = q.reduce((s, v) => s + v, 0);
  if (sp === 0 || sq === 0) return NaN;
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / sp;
    const b = q[i]! / sq;
    const m = (a + b) / 2;
    if (a > 0) js += 0.5 * a * Math.log2(a / m);
    if (b > 0) js += 0.5 * b * Math.log2(b / m);
  }
  return Math.sqrt(Math.max(js, 0));
}
