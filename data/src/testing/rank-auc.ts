/** Test helper: rank AUC (Mann-Whitney) of scores against 0/1 targets, tied scores at their average rank. */
export function aucOf(score: ArrayLike<number>, target: ArrayLike<number>): number {
  const order = Array.from(score, (s, i) => [s, target[i]!] as const).sort((x, y) => x[0] - y[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if (order[k]![1] !== 1) continue;
      rankSum += rank;
      positives++;
    }
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
