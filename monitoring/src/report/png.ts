/** Vega-Lite spec -> SVG with vega in Node (no canvas) -> PNG with resvg, using a system font when found. */
import { existsSync } from 'node:fs';
import type { DriftReport } from '../drift/types.js';
import { summarySpec } from './charts.js';

const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
];

export async function specToSvg(spec: Record<string, unknown>): Promise<string> {
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const compiled = vl.compile(spec as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG(2);
  view.finalize();
  return svg;
}

export async function svgToPng(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const fontFiles = FONT_FILES.filter((f) => existsSync(f));
  const resvg = new Resvg(svg, {
    background: 'white',
    font: {
      loadSystemFonts: true,
      fontFiles,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}

export async function renderSummaryPng(report: DriftReport): Promise<{ svg: string; png: Uint8Array }> {
  const svg = await specToSvg(summarySpec(report));
  return { svg, png: await svgToPng(svg) };
}
