import type { PopulationData, ScoringModel } from '../deps.js';
import { ServingError } from '../errors.js';

export type PopulationKind = 'all' | 'similar' | 'segment';

/** Features that span the "similar clients" space: the model's strongest, at most this many. */
export const SIMILARITY_DIMENSIONS = 32;
/** Points returned by the scatter route at most (a deterministic, evenly spaced sample beyond). */
export const SCATTER_CAP = 2000;
const BINS = 20;

/** Rows of the population: every client, or the k nearest neighbours of `row` (the client excluded). */
export function populationRows(
  data: PopulationData,
  space: SimilaritySpace,
  row: number,
  kind: Exclude<PopulationKind, 'segment'>,
  k: number,
): Uint32Array {
  const n = data.ids.length;
  if (kind === 'all') return Uint32Array.from({ length: n }, (_, i) => i);
  const { dims, points } = space;
  const distances = new Float64Array(n);
  const me = points.subarray(row * dims, (row + 1) * dims);
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let j = 0, o = i * dims; j < dims; j++, o++) d += (points[o]! - me[j]!) ** 2;
    distances[i] = i === row ? Infinity : d;
  }
  // Ties broken by row order so the same query always gives the same neighbours.
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => distances[a]! - distances[b]! || a - b,
  );
  return order.slice(0, Math.min(k, n - 1)).sort();
}

export interface SimilaritySpace {
  features: string[];
  dims: number;
  /** Row-major n x dims. */
  points: Float32Array;
}

/**
 * The space "similar" neighbours are searched in: the model's strongest features (global importance
 * order, then the model's feature order), each through the model's own input scaling (quantile
 * transform, missing -> median), or a z-score when the model exposes no scaling.
 */
export function similaritySpace(data: PopulationData, model: ScoringModel): SimilaritySpace {
  const ranked = [...(model.info?.globalImportance ?? []).map((g) => g.field), ...model.featureNames].filter(
    (f, i, all) => all.indexOf(f) === i && data.column(f) !== undefined,
  );
  const usable = ranked.filter((f) => !model.scale || model.scale(f, NaN) !== undefined);
  const features = usable.slice(0, SIMILARITY_DIMENSIONS);
  const n = data.ids.length;
  const dims = features.length;
  const points = new Float32Array(n * dims);
  features.forEach((f, j) => {
    const column = data.column(f)!;
    const scale = model.scale ? (v: number) => model.scale!(f, v)! : zScore(column);
    for (let i = 0; i < n; i++) points[i * dims + j] = scale(column[i]!);
  });
  return { features, dims, points };
}

function zScore(column: Float64Array): (v: number) => number {
  let sum = 0;
  let sq = 0;
  let count = 0;
  for (const v of column)
    if (Number.isFinite(v)) {
      sum += v;
      sq += v * v;
      count++;
    }
  const mean = count ? sum / count : 0;
  const sd = Math.sqrt(Math.max(0, count ? sq / count - mean * mean : 0)) || 1;
  return (v) => (Number.isFinite(v) ? (v - mean) / sd : 0);
}

/** A field name checked against the population's columns: 422 naming it and listing the valid ones. */
export function checkField(data: PopulationData, field: string, path: string): Float64Array {
  const column = data.column(field);
  if (!column)
    throw new ServingError(
      'validation_failed',
      `unknown field "${field}" in ${path}; valid fields: ${data.names.join(', ')}`,
      { status: 422, fields: [{ path, message: `unknown field "${field}"` }] },
    );
  return column;
}

/**
 * 20 equal-width bins over the population's finite values, and the client's percentile: the share of the
 * population below its value, counting ties as half (0..1). Missing values are left out of both.
 */
export function distribution(column: Float64Array, rows: ArrayLike<number>, clientValue: number) {
  const values: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const v = column[rows[r]!]!;
    if (Number.isFinite(v)) values.push(v);
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const count = values.length === 0 ? 0 : hi > lo ? BINS : 1;
  const width = hi > lo ? (hi - lo) / BINS : 1;
  const bins = Array.from({ length: count }, (_, i) => ({
    start: lo + i * width,
    end: i === count - 1 ? (hi > lo ? hi : lo) : lo + (i + 1) * width,
    count: 0,
  }));
  let below = 0;
  let equal = 0;
  for (const v of values) {
    bins[Math.min(count - 1, Math.floor((v - lo) / width))]!.count++;
    if (v < clientValue) below++;
    else if (v === clientValue) equal++;
  }
  const known = Number.isFinite(clientValue) && values.length > 0;
  return {
    clientValue: Number.isFinite(clientValue) ? clientValue : null,
    percentile: known ? (below + equal / 2) / values.length : null,
    bins,
  };
}

/** Points with both coordinates known; beyond `cap`, an evenly spaced sample (same answer every time). */
export function scatterPoints(x: Float64Array, y: Float64Array, rows: ArrayLike<number>, cap = SCATTER_CAP) {
  const known: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) known.push(i);
  }
  const step = Math.max(1, known.length / cap);
  const points: { x: number; y: number }[] = [];
  for (let s = 0; s < known.length && points.length < cap; s += step) {
    const i = known[Math.floor(s)]!;
    points.push({ x: x[i]!, y: y[i]! });
  }
  return points;
}
