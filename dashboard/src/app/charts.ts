// Vega-Lite specs for the comparison charts. Colours pass AA contrast on white; the client is also
// marked by shape/size and a text label, not by colour alone.
import type { CompareField, Scatter } from './api.js';

export function histogramSpec(
  f: CompareField,
  words: { count: string; client: string },
): Record<string, unknown> {
  const layers: Record<string, unknown>[] = [
    {
      data: { values: f.bins },
      mark: { type: 'bar', color: '#6b7f99' },
      encoding: {
        x: {
          field: 'start',
          type: 'quantitative',
          bin: { binned: true },
          title: f.label,
          axis: { tickCount: 5, labelOverlap: true },
        },
        x2: { field: 'end' },
        y: { field: 'count', type: 'quantitative', title: words.count },
      },
    },
  ];
  if (f.clientValue !== null) {
    layers.push(
      {
        data: { values: [{ v: f.clientValue }] },
        mark: { type: 'rule', color: '#9a1c1c', strokeWidth: 3, strokeDash: [6, 3] },
        encoding: { x: { field: 'v', type: 'quantitative' } },
      },
      {
        data: { values: [{ v: f.clientValue, label: `▼ ${words.client}` }] },
        mark: { type: 'text', color: '#9a1c1c', dy: -6, fontWeight: 'bold', y: 0, baseline: 'bottom' },
        encoding: { x: { field: 'v', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 320,
    height: 160,
    layer: layers,
  };
}

export function scatterSpec(
  s: Scatter,
  xLabel: string,
  yLabel: string,
  words: { client: string; others: string },
): Record<string, unknown> {
  const others = s.points.map((p) => ({ ...p, who: words.others }));
  const layers: Record<string, unknown>[] = [
    {
      data: { values: others },
      mark: { type: 'circle', size: 18, opacity: 0.5, color: '#6b7f99' },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: xLabel },
        y: { field: 'y', type: 'quantitative', title: yLabel },
      },
    },
  ];
  if (s.client.x !== null && s.client.y !== null)
    layers.push({
      data: { values: [{ x: s.client.x, y: s.client.y, label: words.client }] },
      layer: [
        { mark: { type: 'point', shape: 'diamond', size: 260, filled: true, color: '#9a1c1c' } },
        {
          mark: { type: 'text', dx: 10, align: 'left', fontWeight: 'bold', color: '#9a1c1c' },
          encoding: { text: { field: 'label' } },
        },
      ],
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420,
    height: 260,
    layer: layers,
  };
}
