/** Write drift.json, report.html and summary.png into a folder (each via temp file + rename). */
import { join } from 'node:path';
import type { DriftReport } from '../drift/types.js';
import { renderHtml } from './html.js';
import { renderSummaryPng } from './png.js';
import { writeFileAtomic } from './write-atomic.js';

export interface WrittenReport {
  json: string;
  html: string;
  png: string;
}

/** drift.json without the chart bins (they are in report.html), so machines get a compact file. */
export function reportForJson(report: DriftReport): DriftReport {
  const strip = <T extends { distribution?: unknown }>(f: T): T => {
    const { distribution: _d, ...rest } = f;
    return rest as T;
  };
  return {
    ...report,
    prediction: report.prediction ? strip(report.prediction) : null,
    features: report.features.map(strip),
  };
}

export async function writeDriftReport(
  report: DriftReport,
  outDir: string,
  title?: string,
): Promise<WrittenReport> {
  const paths = {
    json: join(outDir, 'drift.json'),
    html: join(outDir, 'report.html'),
    png: join(outDir, 'summary.png'),
  };
  writeFileAtomic(paths.json, `${JSON.stringify(reportForJson(report), null, 2)}\n`);
  writeFileAtomic(paths.html, renderHtml(report, { title }));
  const { png } = await renderSummaryPng(report);
  writeFileAtomic(paths.png, png);
  return paths;
}
