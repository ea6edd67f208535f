/**
 * Arquero-style verbs over the kernel: `rollupJoined` is groupby(key).agg(dict) followed by a left
 * join onto the client ids, column by column so that only one aggregated column lives at a time
 * besides the output.
 */
import { aggregateColumn, codeShares, groupSizes, type AggOp } from './aggregate.js';
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

/** Where the aggregated columns come from (a TableView): by name, and one-hot columns as codes. */
export interface ColumnSource {
  column(name: string): Float64Array;
  /** For a one-hot column: its source column's category codes and its own code. */
  oneHot(name: string): { source: string; codes: Int32Array; code: number } | undefined;
}

/**
 * Calls `emit` with each aggregate of `dict` per group, in dictionary order. A one-hot column whose
 * only aggregate is the mean (most of them) is not made: the means of all such columns of one
 * source column come from one counting pass over its codes (codeShares), kept until emitted.
 */
export function forEachAggregate(
  g: Grouping,
  source: ColumnSource,
  dict: AggDict,
  emit: (values: Float64Array) => void,
): void {
  const meanOnly = (ops: readonly AggOp[]) => ops.length === 1 && ops[0] === 'mean';
  const shares = new Map<string, Float64Array>();
  for (const [name, ops] of dict) {
    const hot = meanOnly(ops) ? source.oneHot(name) : undefined;
    if (!hot) {
      for (const a of aggregateColumn(g, source.column(name), ops)) emit(a);
      continue;
    }
    if (!shares.has(name)) {
      const siblings = dict.flatMap(([n, o]) => {
        const h = meanOnly(o) ? source.oneHot(n) : undefined;
        return h && h.source === hot.source ? [{ name: n, code: h.code }] : [];
      });
      const means = codeShares(
        g,
        hot.codes,
        siblings.map((s) => s.code),
      );
      siblings.forEach((s, k) => shares.set(s.name, means[k]!));
    }
    emit(shares.get(name)!);
    shares.delete(name);
  }
}

/** Aggregates every entry of `dict` per group, then left-joins each result onto `ids`. */
export function rollupJoined(
  ids: Float64Array,
  g: Grouping,
  source: ColumnSource,
  dict: AggDict,
): Float64Array[] {
  const out: Float64Array[] = [];
  const index = joinIndex(ids, g);
  forEachAggregate(g, source, dict, (a) => out.push(gather(index, a)));
  return out;
}

/** Rows per client (POS_COUNT, INSTAL_COUNT, CC_COUNT), left-joined onto `ids`. */
export function countJoined(ids: Float64Array, g: Grouping): Float64Array {
  return joinOnto(ids, g, groupSizes(g));
}
