/**
 * Drift of one feature:
 *   split missing -> kind (given or inferred) -> test chosen by method -> PSI -> missing-rate change
 *     -> drifted + reasons -> distribution for the report's chart
 */
import { chiSquareHomogeneity } from '../stats/chi-square.js';
import { jensenShannonDistance } from '../stats/jensen-shannon.js';
import { ks2sampSorted } from '../stats/ks.js';
import { psi, psiFromShares } from '../stats/psi.js';
import { wassersteinNormed } from '../stats/wasserstein.js';
import type { DriftConfig } from './config.js';
import type { Distribution, DriftTest, FeatureDrift, FeatureKind } from './types.js';

const EMPTY: Float64Array = new Float64Array(0);

interface Sample {
  sorted: Float64Array;
  missingRate: number;
}

function present(values: ArrayLike<number>): Sample {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) out[n++] = v;
  }
  const sorted = out.subarray(0, n).sort();
  return { sorted, missingRate: values.length === 0 ? 0 : (values.length - n) / values.length };
}

/** Counts per distinct value of the non-missing values, and the missing count. */
interface Tally {
  categories: number[];
  counts: number[];
  missing: number;
}

/**
 * Tally of an all-integer column with at most `max` distinct values, or undefined as soon as it is not
 * one (most numeric columns fail at their first value, so this costs little). No sort needed.
 */
function smallIntegerTally(values: ArrayLike<number>, max: number): Tally | undefined {
  const categories: number[] = [];
  const counts: number[] = [];
  let missing = 0;
  let last = NaN;
  let lastIndex = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      missing++;
      continue;
    }
    if (v === last) {
      counts[lastIndex]!++;
      continue;
    }
    let k = categories.indexOf(v);
    if (k < 0) {
      if (!Number.isInteger(v) || categories.length >= max) return undefined;
      k = categories.push(v) - 1;
      counts.push(0);
    }
    counts[k]!++;
    last = v;
    lastIndex = k;
  }
  return { categories, counts, missing };
}

/** Tally of any column (categorical by hint, or the current side of an inferred categorical). */
function tallyAll(values: ArrayLike<number>): Tally {
  const byValue = new Map<number, number>();
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) missing++;
    else byValue.set(v, (byValue.get(v) ?? 0) + 1);
  }
  return { categories: [...byValue.keys()], counts: [...byValue.values()], missing };
}

/** Both tallies over the sorted union of their categories. */
function alignTallies(ref: Tally, cur: Tally): { categories: number[]; ref: number[]; cur: number[] } {
  const categories = [...new Set([...ref.categories, ...cur.categories])].sort((a, b) => a - b);
  const index = new Map(categories.map((c, i) => [c, i]));
  const spread = (t: Tally) => {
    const out = new Array<number>(categories.length).fill(0);
    t.categories.forEach((c, i) => (out[index.get(c)!] = t.counts[i]!));
    return out;
  };
  return { categories, ref: spread(ref), cur: spread(cur) };
}

const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);

export function analyseFeature(
  name: string,
  referenceValues: ArrayLike<number>,
  currentValues: ArrayLike<number>,
  config: DriftConfig,
  kindHint?: FeatureKind,
  importance?: number,
): FeatureDrift {
  // 1. Kind: given, or inferred from a small integer support in the reference. Categorical columns are
  //    counted in one pass; only numeric columns are sorted (the sort is most of the cost).
  const refSmall =
    kindHint === undefined ? smallIntegerTally(referenceValues, config.categoricalMaxDistinct) : undefined;
  const kind: FeatureKind = kindHint ?? (refSmall ? 'categorical' : 'numeric');
  let refSorted = EMPTY;
  let curSorted = EMPTY;
  let refN: number;
  let curN: number;
  let refMissingRate: number;
  let curMissingRate: number;
  let categorical: { categories: number[]; ref: number[]; cur: number[] } | undefined;
  if (kind === 'categorical') {
    const refTally = refSmall ?? tallyAll(referenceValues);
    const curTally = tallyAll(currentValues);
    categorical = alignTallies(refTally, curTally);
    refN = sum(categorical.ref);
    curN = sum(categorical.cur);
    refMissingRate = referenceValues.length === 0 ? 0 : refTally.missing / referenceValues.length;
    curMissingRate = currentValues.length === 0 ? 0 : curTally.missing / currentValues.length;
  } else {
    const ref = present(referenceValues);
    const cur = present(currentValues);
    [refSorted, curSorted] = [ref.sorted, cur.sorted];
    [refN, curN] = [refSorted.length, curSorted.length];
    [refMissingRate, curMissingRate] = [ref.missingRate, cur.missingRate];
  }
  const categories = categorical?.categories;
  const refCounts = categorical?.ref;
  const curCounts = categorical?.cur;

  // 2. PSI: quantile bins for numeric (counted by binary search on the sorted values), categories for categorical.
  let psiValue: number | null = null;
  if (refN > 0 && curN > 0) {
    psiValue =
      categories && refCounts && curCounts
        ? psiFromShares(shares(refCounts), shares(curCounts), config.psiEpsilon)
        : psi(refSorted, curSorted, config.psiBins, config.psiEpsilon, true).psi;
  }
  // 3. KS on the sorted numeric values.
  const ks = kind === 'numeric' && refN > 0 && curN > 0 ? ks2sampSorted(refSorted, curSorted) : null;

  // 4. The test chosen by the method.
  const chosen = chooseTest(kind, refSorted, curSorted, refN, curN, refCounts, curCounts, ks, config);

  // 5. Verdict.
  const reasons: string[] = [];
  const evidently = config.method === 'evidently';
  if (chosen.statistic !== null) {
    if (evidently) {
      const hit =
        chosen.pValue !== null ? chosen.pValue < chosen.threshold : chosen.statistic >= chosen.threshold;
      if (hit)
        reasons.push(
          `${chosen.test} ${chosen.pValue !== null ? 'p-value' : 'distance'} beyond ${chosen.threshold}`,
        );
    } else {
      if (psiValue !== null && psiValue >= config.psiMajor) reasons.push(`PSI >= ${config.psiMajor}`);
      else if (
        psiValue !== null &&
        psiValue >= config.psiMinor &&
        chosen.pValue !== null &&
        chosen.pValue < config.pValue
      )
        reasons.push(`PSI >= ${config.psiMinor} and ${chosen.test} p-value < ${config.pValue}`);
    }
  }
  if (Math.abs(curMissingRate - refMissingRate) >= config.missingRateChange)
    reasons.push(`missing rate changed by >= ${config.missingRateChange}`);

  return {
    name,
    kind,
    test: chosen.test,
    statistic: finiteOrNull(chosen.statistic),
    pValue: finiteOrNull(chosen.pValue),
    threshold: chosen.threshold,
    psi: finiteOrNull(psiValue),
    ksStatistic: ks ? finiteOrNull(ks.statistic) : null,
    missingRateReference: refMissingRate,
    missingRateCurrent: curMissingRate,
    drifted: reasons.length > 0,
    reasons,
    importance: importance ?? null,
    distribution:
      categories && refCounts && curCounts
        ? { kind, edges: categories, reference: shares(refCounts), current: shares(curCounts) }
        : histogram(refSorted, curSorted, config.histogramBins),
  };
}

interface Chosen {
  test: DriftTest;
  statistic: number | null;
  pValue: number | null;
  threshold: number;
}

function chooseTest(
  kind: FeatureKind,
  ref: Float64Array,
  cur: Float64Array,
  refN: number,
  curN: number,
  refCounts: number[] | undefined,
  curCounts: number[] | undefined,
  ks: { statistic: number; pValue: number } | null,
  config: DriftConfig,
): Chosen {
  const e = config.evidently;
  if (refN === 0 || curN === 0)
    return {
      test: kind === 'numeric' ? 'ks' : 'chi-square',
      statistic: null,
      pValue: null,
      threshold: config.pValue,
    };
  if (config.method === 'evidently') {
    const small = refN <= e.smallSample;
    const fewValues = refCounts !== undefined && refCounts.length <= e.categoricalMaxUnique;
    if (kind === 'numeric' && !fewValues)
      return small
        ? { test: 'ks', statistic: ks!.statistic, pValue: ks!.pValue, threshold: e.pValue }
        : {
            test: 'wasserstein-normed',
            statistic: wassersteinNormed(ref, cur),
            pValue: null,
            threshold: e.distance,
          };
    const [rc, cc] = [refCounts ?? [], curCounts ?? []];
    if (small) {
      const chi = chiSquareHomogeneity(rc, cc);
      return { test: 'chi-square', statistic: chi.statistic, pValue: chi.pValue, threshold: e.pValue };
    }
    return {
      test: 'jensen-shannon',
      statistic: jensenShannonDistance(rc, cc),
      pValue: null,
      threshold: e.distance,
    };
  }
  if (kind === 'numeric')
    return { test: 'ks', statistic: ks!.statistic, pValue: ks!.pValue, threshold: config.pValue };
  const chi = chiSquareHomogeneity(refCounts ?? [], curCounts ?? []);
  return { test: 'chi-square', statistic: chi.statistic, pValue: chi.pValue, threshold: config.pValue };
}

function shares(counts: number[]): number[] {
  const total = counts.reduce((s, v) => s + v, 0);
  return counts.map((c) => (total === 0 ? 0 : c / total));
}

function finiteOrNull(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? (v === Infinity ? Number.MAX_VALUE : null) : v;
}

/** Equal-width shares between the reference's 1st and 99th percentiles; outliers go to the end bins. Inputs sorted. */
function histogram(ref: Float64Array, cur: Float64Array, bins: number): Distribution {
  const kind = 'numeric' as const;
  if (ref.length === 0) return { kind, edges: [], reference: [], current: [] };
  const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : 0);
  const lo = finite(ref[Math.floor(0.01 * (ref.length - 1))]);
  let hi = finite(ref[Math.ceil(0.99 * (ref.length - 1))]);
  if (hi <= lo) hi = lo + 1;
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  // The bin of v, clamped; monotone in v, so on sorted values each bin is a run found by binary search.
  const binOf = (v: number) => Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
  const fill = (xs: Float64Array) => {
    const counts = new Array<number>(bins).fill(0);
    let start = 0;
    while (start < xs.length) {
      const bin = binOf(xs[start]!);
      let lo2 = start + 1;
      let hi2 = xs.length;
      while (lo2 < hi2) {
        const mid = (lo2 + hi2) >> 1;
        if (binOf(xs[mid]!) <= bin) lo2 = mid + 1;
        else hi2 = mid;
      }
      counts[bin]! += lo2 - start;
      start = lo2;
    }
    return counts.map((c) => (xs.length ? c / xs.length : 0));
  };
  return { kind, edges, reference: fill(ref), current: fill(cur) };
}
