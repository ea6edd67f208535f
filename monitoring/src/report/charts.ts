/** Vega-Lite specs of the drift report (plain JSON objects, rendered in the browser or in Node). */
import type { DriftReport, FeatureDrift } from '../drift/types.js';

type Spec = Record<string, unknown>;

const COLORS = { domain: ['reference', 'current'], range: ['#4c78a8', '#f58518'] };

/** Overlaid reference/current shares of one feature (histogram bins or categories). */
export function distributionSpec(feature: FeatureDrift): Spec | undefined {
  const d = feature.distribution;
  if (!d || d.reference.length === 0) return undefined;
  const rows: Record<string, unknown>[] = [];
  const label = (i: number) => (d.kind === 'categorical' ? String(d.edges[i]) : formatEdge(d.edges[i]!));
  d.reference.forEach((share, i) => rows.push({ bin: i, label: label(i), sample: 'reference', share }));
  d.current.forEach((share, i) => rows.push({ bin: i, label: label(i), sample: 'current', share }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 320,
    height: 140,
    data: { values: rows },
    mark: { type: 'bar', opacity: 0.55 },
    encoding: {
      x: {
        field: 'label',
        type: 'ordinal',
        sort: { field: 'bin' },
        title: d.kind === 'categorical' ? 'value' : 'bin start',
        axis: { labelAngle: -45, labelOverlap: true },
      },
      y: { field: 'share', type: 'quantitative', stack: null, axis: { format: '%' }, title: 'share of rows' },
      color: { field: 'sample', type: 'nominal', scale: COLORS, title: null },
      tooltip: [{ field: 'sample' }, { field: 'label' }, { field: 'share', format: '.2%' }],
    },
  };
}

function formatEdge(v: number): string {
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-2) ? v.toExponential(1) : String(Math.round(v * 100) / 100);
}

/**
 * Summary chart: PSI per feature, bars coloured by verdict, with the threshold rules. Drifted features come
 * first, most important to the model first (the order of the report's top list): a feature can drift by its
 * KS/chi-square test with a small PSI, and an ops reader must still see it. Stable features with the largest
 * PSI fill the rest of the `top` places.
 */
export function summarySpec(report: DriftReport, top = 15): Spec {
  const charted = (f: FeatureDrift) => f.psi !== null;
  const drifted = report.features
    .filter((f) => f.drifted && charted(f))
    .sort((a, b) => (b.importance ?? 0) - (a.importance ?? 0) || (b.psi ?? 0) - (a.psi ?? 0));
  const stable = report.features
    .filter((f) => !f.drifted && charted(f))
    .sort((a, b) => (b.psi ?? 0) - (a.psi ?? 0));
  const rows = [...drifted, ...stable].slice(0, top).map((f) => ({
    feature: truncate(f.name, 38),
    psi: Math.min(f.psi ?? 0, 5),
    drifted: f.drifted ? 'drifted' : 'stable',
  }));
  const shownDrifted = Math.min(drifted.length, top);
  const s = report.summary;
  const verdict = s.alert ? 'DRIFT ALERT' : 'no drift alert';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Drift: ${verdict}`,
      // Two lines: one line would widen the image far beyond the chart.
      subtitle: [
        `${s.driftedFeatures} of ${s.features} features drifted (${pct(s.driftedShare)})${
          s.weightedDriftedShare !== null ? `, importance-weighted ${pct(s.weightedDriftedShare)}` : ''
        }`,
        shownDrifted > 0
          ? 'drifted features first (most important to the model first), then the largest PSI'
          : `top ${rows.length} by PSI`,
      ],
      anchor: 'start',
      fontSize: 16,
    },
    width: 420,
    height: { step: 18 },
    background: 'white',
    config: { font: 'DejaVu Sans' },
    layer: [
      {
        data: { values: rows },
        mark: 'bar',
        encoding: {
          // Row order as listed above (drifted first), not by bar length.
          y: { field: 'feature', type: 'nominal', sort: null, title: null, axis: { labelLimit: 260 } },
          x: { field: 'psi', type: 'quantitative', title: 'PSI (capped at 5)' },
          color: {
            field: 'drifted',
            type: 'nominal',
            scale: { domain: ['drifted', 'stable'], range: ['#d62728', '#9bb8d3'] },
            title: null,
          },
        },
      },
      {
        data: { values: [{ t: report.config.psiMinor }, { t: report.config.psiMajor }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#555' },
        encoding: { x: { field: 't', type: 'quantitative' } },
      },
    ],
  };
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
