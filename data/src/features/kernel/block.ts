/**
 * Arquero-style verbs over the kernel: `rollupJoined` is groupby(key).agg(dict) followed by a left
 * join onto the client ids, column by column so that only one aggregated column lives at a time
 * besides the output.
 */
import { aggregateColumn, groupSizes, type AggOp } from './aggregate.js';
import type { Grouping } from './group-by.js';

/** The recipe's aggregation dictionary: [column, ops] in order. */
export type AggDict = readonly (readonly [string, readonly AggOp[]])[];

export function aggName(prefix: string, column: string, op: AggOp): string {
  return `${prefix}${column}_${op.toUpperCase()}`;
}

export function dictNames(prefix: string, dict: AggDict): string[] {
  return dict.flatMap(([col, ops]) => ops.map((op) => aggName(prefix, col, op)));
}

/** Group of each id (-1 when it has none): computed once per grouping, then every join is a gather. */
export function joinIndex(ids: Float64Array, g: Grouping): Int32Array {
  const out = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = g.indexOf(ids[i]!);
  return out;
}

/** Left join of group-level values through a join index: an id without a group gets NaN. */
export function gather(index: Int32Array, values: Float64Array): Float64Array {
  const out = new Float64Array(index.length);
  for (let i = 0; i < index.length; i++) {
    const grp = index[i]!;
    out[i] = grp < 0 ? NaN : values[grp]!;
  }
  return out;
}

/** Left join of group-level values onto `ids`: a key without a group gets NaN. */
export function joinOnto(ids: Float64Array, g: Grouping, values: Float64Array): Float64Array {
  return gather(joinIndex(ids, g), values);
}

/** Aggregates every entry of `dict` per group, then left-joins each result onto `ids`. */
export function rollupJoined(
  ids: Float64Array,
  g: Grouping,
  column: (name: string) => Float64Array,
  dict: AggDict,
): Float64Array[] {
  const out: Float64Array[] = [];
  const index = joinIndex(ids, g);
  for (const [name, ops] of dict) {
    const aggs = aggregateColumn(g, column(name), ops);
    for (const a of aggs) out.push(gather(index, a));
  }
  return out;
}

/** Rows per client (POS_COUNT, INSTAL_COUNT, CC_COUNT), left-joined onto `ids`. */
export function countJoined(ids: Float64Array, g: Grouping): Float64Array {
  return joinOnto(ids, g, groupSizes(g));
}
