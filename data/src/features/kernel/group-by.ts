/**
 * Group rows by a numeric key (SK_ID_CURR, SK_ID_BUREAU) once, so that every aggregate of a table can
 * then walk contiguous groups. Groups come in order of first appearance and keep their rows in file
 * order (a stable counting sort), which is what pandas' summation order needs for bit parity.
 * Rows whose key is missing belong to no group, as in pandas' groupby.
 */
export interface Grouping {
  /** Key of each group, in order of first appearance. */
  keys: Float64Array;
  /** Rows of group g are order[starts[g]] .. order[starts[g + 1] - 1]. */
  starts: Int32Array;
  order: Int32Array;
  /** Group index of a key, or -1 when the key has no row. */
  indexOf(key: number): number;
}

/** Direct lookup tables are used when integer keys span at most this many values. */
const MAX_DIRECT_RANGE = 64_000_000;

export function groupBy(keys: Float64Array, keep?: Uint8Array): Grouping {
  const n = keys.length;
  const groupOfRow = new Int32Array(n).fill(-1);
  const lookup = keyLookup(keys, keep);
  const firstKeys: number[] = [];
  for (let i = 0; i < n; i++) {
    if (keep && keep[i] === 0) continue;
    const k = keys[i]!;
    if (Number.isNaN(k)) continue;
    let g = lookup.get(k);
    if (g < 0) {
      g = firstKeys.length;
      firstKeys.push(k);
      lookup.set(k, g);
    }
    groupOfRow[i] = g;
  }
  const ngroups = firstKeys.length;
  const starts = new Int32Array(ngroups + 1);
  for (let i = 0; i < n; i++) {
    const g = groupOfRow[i]!;
    if (g >= 0) starts[g + 1]!++;
  }
  for (let g = 0; g < ngroups; g++) starts[g + 1]! += starts[g]!;
  const fill = starts.slice(0, ngroups);
  const order = new Int32Array(starts[ngroups]!);
  for (let i = 0; i < n; i++) {
    const g = groupOfRow[i]!;
    if (g >= 0) order[fill[g]!++] = i;
  }
  return { keys: Float64Array.from(firstKeys), starts, order, indexOf: (k) => lookup.get(k) };
}

interface KeyLookup {
  get(key: number): number;
  set(key: number, group: number): void;
}

/** Integer ids in a compact range get an Int32Array table (fast at 27M rows); anything else a Map. */
function keyLookup(keys: Float64Array, keep?: Uint8Array): KeyLookup {
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < keys.length; i++) {
    if (keep && keep[i] === 0) continue;
    const k = keys[i]!;
    if (Number.isNaN(k)) continue;
    if (!Number.isInteger(k)) integers = false;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  if (integers && (max < min || max - min < MAX_DIRECT_RANGE)) {
    const base = max < min ? 0 : min;
    const table = new Int32Array(max < min ? 0 : max - min + 1).fill(-1);
    return {
      get: (k) => (Number.isInteger(k) && k >= base && k - base < table.length ? table[k - base]! : -1),
      set: (k, g) => {
        table[k - base] = g;
      },
    };
  }
  const map = new Map<number, number>();
  return { get: (k) => map.get(k) ?? -1, set: (k, g) => void map.set(k, g) };
}
