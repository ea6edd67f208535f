/** The drift summary chart as SVG and PNG, with the one Vega-Lite renderer the project has (@credit/training). */
import { specToSvg, svgToPng } from '@credit/training';
import type { DriftReport } from '../drift/types.js';
import { summarySpec } from './charts.js';

export { specToSvg, svgToPng };

export async function renderSummaryPng(report: DriftReport): Promise<{ svg: string; png: Uint8Array }> {
  const svg = await specToSvg(summarySpec(report));
  return { svg, png: await svgToPng(svg) };
}
