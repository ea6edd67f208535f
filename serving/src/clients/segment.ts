import type { PopulationData } from '../deps.js';

/** One rule of a client's segment, as the dashboard words it ("Cash loans", "30-39 years", "income ..."). */
export type SegmentRule =
  | { field: 'NAME_CONTRACT_TYPE'; value: string }
  | { field: 'AGE_YEARS'; from: number; to: number }
  | { field: 'AMT_INCOME_TOTAL'; from: number; to: number };

export interface Segment {
  rules: SegmentRule[];
  /** Rows of the other clients who follow every rule (the client excluded). */
  rows: Uint32Array;
}

/** A segment smaller than this is widened by dropping its last rule (income, then age). */
export const MIN_SEGMENT = 30;
const CONTRACT_PREFIX = 'NAME_CONTRACT_TYPE_';
const AGE_BAND_YEARS = 10;
const INCOME_BANDS = 5;

/** A row's test for one rule, plus the rule as shown. */
interface Criterion {
  rule: SegmentRule;
  member: (row: number) => boolean;
}

/**
 * The client's segment: other clients with the same contract type, in the same 10-year age band and
 * the same income fifth of the client base. Rules the client has no value for are left out; when fewer
 * than MIN_SEGMENT clients remain, the last rule is dropped (income first, then age).
 */
export function segmentOf(data: PopulationData, row: number, incomeCuts: Float64Array | undefined): Segment {
  const criteria = [
    contractCriterion(data, row),
    ageCriterion(data, row),
    incomeCriterion(data, row, incomeCuts),
  ].filter((c): c is Criterion => c !== undefined);
  const n = data.ids.length;
  for (let used = criteria.length; ; used--) {
    const active = criteria.slice(0, used);
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (i !== row && active.every((c) => c.member(i))) rows.push(i);
    if (rows.length >= MIN_SEGMENT || used === 0)
      return { rules: active.map((c) => c.rule), rows: Uint32Array.from(rows) };
  }
}

function contractCriterion(data: PopulationData, row: number): Criterion | undefined {
  for (const name of data.names) {
    if (!name.startsWith(CONTRACT_PREFIX)) continue;
    const column = data.column(name)!;
    if (column[row] === 1)
      return {
        rule: { field: 'NAME_CONTRACT_TYPE', value: name.slice(CONTRACT_PREFIX.length) },
        member: (i) => column[i] === 1,
      };
  }
  return undefined;
}

const yearsOf = (daysBirth: number) => -daysBirth / 365.25;

function ageCriterion(data: PopulationData, row: number): Criterion | undefined {
  const days = data.column('DAYS_BIRTH');
  if (!days || !Number.isFinite(days[row]!)) return undefined;
  const bandOf = (d: number) => Math.floor(yearsOf(d) / AGE_BAND_YEARS);
  const band = bandOf(days[row]!);
  return {
    rule: { field: 'AGE_YEARS', from: band * AGE_BAND_YEARS, to: band * AGE_BAND_YEARS + AGE_BAND_YEARS - 1 },
    member: (i) => Number.isFinite(days[i]!) && bandOf(days[i]!) === band,
  };
}

/** Income fifths of the whole base: the 4 inner cut points (computed once per base by the caller). */
export function incomeCutsOf(data: PopulationData): Float64Array | undefined {
  const income = data.column('AMT_INCOME_TOTAL');
  if (!income) return undefined;
  const known = Float64Array.from(income.filter((v) => Number.isFinite(v))).sort();
  if (known.length === 0) return undefined;
  return Float64Array.from(
    { length: INCOME_BANDS - 1 },
    (_, k) => known[Math.floor(((k + 1) * known.length) / INCOME_BANDS)]!,
  );
}

function incomeCriterion(
  data: PopulationData,
  row: number,
  cuts: Float64Array | undefined,
): Criterion | undefined {
  const income = data.column('AMT_INCOME_TOTAL');
  if (!income || !cuts || !Number.isFinite(income[row]!)) return undefined;
  const bandOf = (v: number) => {
    let b = 0;
    while (b < cuts.length && v >= cuts[b]!) b++;
    return b;
  };
  const band = bandOf(income[row]!);
  // The band's own bounds, from the clients in it (what the dashboard shows as a range).
  let from = Infinity;
  let to = -Infinity;
  for (const v of income)
    if (Number.isFinite(v) && bandOf(v) === band) {
      from = Math.min(from, v);
      to = Math.max(to, v);
    }
  return {
    rule: { field: 'AMT_INCOME_TOTAL', from, to },
    member: (i) => Number.isFinite(income[i]!) && bandOf(income[i]!) === band,
  };
}
