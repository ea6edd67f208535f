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
  return { sorted, missingRate: values.length === 0 ? 0 : 1 - n / values.length };
}

/** Distinct values of sorted data, or undefined once there are more than `max` (or a non-integer). */
function smallIntegerSupport(sorted: Float64Array, max: number): number[] | undefined {
  const values: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!;
    if (i > 0 && v === sorted[i - 1]) continue;
    if (!Number.isInteger(v) || values.length >= max) return undefined;
    values.push(v);
  }
  return values;
}

/** Counts per category of sorted values (categories sorted ascending): one merge pass. */
function countsOf(sorted: Float64Array, categories: number[]): number[] {
  const counts = new Array<number>(categories.length).fill(0);
  let k = 0;
  for (const v of sorted) {
    while (categories[k]! < v) k++;
    counts[k]!++;
  }
  return counts;
}

/** Distinct values of two sorted arrays, ascending. */
function distinctUnion(a: Float64Array, b: Float64Array): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    out.push(v);
    while (i < a.length && a[i] === v) i++;
    while (j < b.length && b[j] === v) j++;
  }
  return out;
}

export function analyseFeature(
  name: string,
  referenceValues: ArrayLike<number>,
  currentValues: ArrayLike<number>,
  config: DriftConfig,
  kindHint?: FeatureKind,
  importance?: number,
): FeatureDrift {
  // 1. Split out missing values.
  const ref = present(referenceValues);
  const cur = present(currentValues);
  // 2. Kind: given, or inferred from a small integer support in the reference.
  const refSupport = smallIntegerSupport(ref.sorted, config.categoricalMaxDistinct);
  const kind: FeatureKind = kindHint ?? (refSupport ? 'categorical' : 'numeric');
  const categories = kind === 'categorical' ? distinctUnion(ref.sorted, cur.sorted) : undefined;
  const refCounts = categories ? countsOf(ref.sorted, categories) : undefined;
  const curCounts = categories ? countsOf(cur.sorted, categories) : undefined;

  // 3. PSI: quantile bins for numeric, categories for categorical.
  let psiValue: number | null = null;
  if (ref.sorted.length > 0 && cur.sorted.length > 0) {
    psiValue =
      categories && refCounts && curCounts
        ? psiFromShares(shares(refCounts), shares(curCounts), config.psiEpsilon)
        : psi(ref.sorted, cur.sorted, config.psiBins, config.psiEpsilon).psi;
  }
  const ks =
    kind === 'numeric' && ref.sorted.length > 0 && cur.sorted.length > 0
      ? ks2sampSorted(ref.sorted, cur.sorted)
      : null;

  // 4. The test chosen by the method.
  const chosen = chooseTest(kind, ref.sorted, cur.sorted, refCounts, curCounts, ks, config);

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
  if (Math.abs(cur.missingRate - ref.missingRate) >= config.missingRateChange)
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
    missingRateReference: ref.missingRate,
    missingRateCurrent: cur.missingRate,
    drifted: reasons.length > 0,
    reasons,
    importance: importance ?? null,
    distribution:
      categories && refCounts && curCounts
        ? { kind, edges: categories, reference: shares(refCounts), current: shares(curCounts) }
        : histogram(ref.sorted, cur.sorted, config.histogramBins),
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
  refCounts: number[] | undefined,
  curCounts: number[] | undefined,
  ks: { statistic: number; pValue: number } | null,
  config: DriftConfig,
): Chosen {
  const e = config.evidently;
  if (ref.length === 0 || cur.length === 0)
    return {
      test: kind === 'numeric' ? 'ks' : 'chi-square',
      statistic: null,
      pValue: null,
      threshold: config.pValue,
    };
  if (config.method === 'evidently') {
    const small = ref.length <= e.smallSample;
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

/** Equal-width shares between the reference's 1st and 99th percentiles; outliers go to the end bins. */
function histogram(ref: Float64Array, cur: Float64Array, bins: number): Distribution {
  const kind = 'numeric' as const;
  if (ref.length === 0) return { kind, edges: [], reference: [], current: [] };
  const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : 0);
  const lo = finite(ref[Math.floor(0.01 * (ref.length - 1))]);
  let hi = finite(ref[Math.ceil(0.99 * (ref.length - 1))]);
  if (hi <= lo) hi = lo + 1;
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  const fill = (xs: Float64Array) => {
    const counts = new Array<number>(bins).fill(0);
    for (const v of xs) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)))]!++;
    return counts.map((c) => (xs.length ? c / xs.length : 0));
  };
  return { kind, edges, reference: fill(ref), current: fill(cur) };
}
