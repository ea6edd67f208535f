/**
 * Drift benchmark: synthetic reference 307,511 x 800 vs current 48,744 x 800 (numeric, one-hot and
 * code columns, 10% missing in some, a shift in a quarter of them), full report (JSON, HTML, PNG).
 *   /usr/bin/time -v npx tsx bench/drift-bench.ts [ROWS_REF] [ROWS_CUR] [FEATURES] [THREADS=cores]
 * THREADS=1 runs the per-feature work in the main thread (computeDrift), more uses worker threads.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeDriftParallel, loadDriftConfig, writeDriftReport } from '@credit/monitoring';
import { availableParallelism } from 'node:os';

const [nRef, nCur, nFeat, threads] = [
  Number(process.argv[2] ?? 307511),
  Number(process.argv[3] ?? 48744),
  Number(process.argv[4] ?? 800),
  Number(process.argv[5] ?? availableParallelism()),
];
let seed = 42;
const rand = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
const normal = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());

function table(rows: number, shifted: boolean) {
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (let f = 0; f < nFeat; f++) {
    const shift = shifted && f % 4 === 0 ? 0.3 : 0;
    const c = new Float64Array(rows);
    const type = f % 5;
    for (let i = 0; i < rows; i++) {
      if (type === 4 && rand() < 0.1) c[i] = NaN;
      else if (type === 1) c[i] = rand() < 0.2 + shift / 3 ? 1 : 0;
      else if (type === 2) c[i] = Math.floor(rand() * 6 + shift * 2);
      else c[i] = Math.exp(normal() + shift) * 1000;
    }
    names.push(`F${f}`);
    columns.push(c);
  }
  return { names, columns };
}

const t0 = performance.now();
const reference = table(nRef, false);
const current = table(nCur, true);
const t1 = performance.now();
const cpu1 = process.cpuUsage();
const importance = Object.fromEntries(reference.names.map((n, i) => [n, 1 / (i + 1)]));
const fallback: string[] = [];
const report = await computeDriftParallel(
  { reference, current, importance, config: loadDriftConfig() },
  { threads, onFallback: (reason) => fallback.push(reason) },
);
const t2 = performance.now();
const cpu2 = process.cpuUsage(cpu1);
const out = mkdtempSync(join(tmpdir(), 'drift-bench-'));
const paths = await writeDriftReport(report, out);
const t3 = performance.now();
const size = (p: string) => `${(statSync(p).size / 1e6).toFixed(2)} MB`;
process.stdout.write(
  `${JSON.stringify({
    rows: { reference: nRef, current: nCur },
    features: nFeat,
    threads: fallback.length ? `1 (${fallback.join('; ')})` : threads,
    generateSeconds: +((t1 - t0) / 1000).toFixed(1),
    computeSeconds: +((t2 - t1) / 1000).toFixed(1),
    // CPU seconds of the computation (all threads): less sensitive than wall time to a busy machine.
    computeCpuSeconds: +((cpu2.user + cpu2.system) / 1e6).toFixed(1),
    reportSeconds: +((t3 - t2) / 1000).toFixed(1),
    driftSecondsTotal: +((t3 - t1) / 1000).toFixed(1),
    drifted: `${report.summary.driftedFeatures}/${report.summary.features}`,
    sizes: { json: size(paths.json), html: size(paths.html), png: size(paths.png) },
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
