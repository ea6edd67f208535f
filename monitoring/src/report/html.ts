/**
 * Self-contained report.html: vega, vega-lite and vega-embed inlined from node_modules (opens offline),
 * the report's figures as JSON, a summary, a sortable table, and distribution charts for the top
 * features, rendered lazily when scrolled into view.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MonitoringError } from '../errors.js';
import type { DriftReport, FeatureDrift } from '../drift/types.js';
import { distributionSpec } from './charts.js';

const LIBS = [
  'vega/build/vega.min.js',
  'vega-lite/build/vega-lite.min.js',
  'vega-embed/build/vega-embed.min.js',
];

/** The packages' exports hide build/, so look for node_modules/<file> in this file's ancestors. */
function findModuleFile(file: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules', file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new MonitoringError(
        'E_REPORT_ASSET',
        `cannot find node_modules/${file}: run npm ci at the repository root`,
      );
    dir = parent;
  }
}

function inlineScript(code: string): string {
  return `<script>${code.replace(/<\/script/gi, '<\\/script')}</script>`;
}

function jsonScript(id: string, value: unknown): string {
  const text = JSON.stringify(value).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${id}">${text}</script>`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (v: number | null, digits = 3) =>
  v === null ? '–' : Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : v.toFixed(digits);
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Features drawn: drifted first by importance then PSI, then the rest by PSI; at most `top`. */
export function chartedFeatures(report: DriftReport, top: number): FeatureDrift[] {
  return [...report.features]
    .sort(
      (a, b) =>
        Number(b.drifted) - Number(a.drifted) ||
        (b.importance ?? 0) - (a.importance ?? 0) ||
        (b.psi ?? 0) - (a.psi ?? 0),
    )
    .slice(0, top);
}

export function renderHtml(report: DriftReport, options: { top?: number; title?: string } = {}): string {
  const top = options.top ?? Math.max(report.config.topFeatures, 40);
  const s = report.summary;
  const charts = chartedFeatures(report, top)
    .map((f) => ({ name: f.name, spec: distributionSpec(f) }))
    .filter((c) => c.spec);
  if (report.prediction) {
    const spec = distributionSpec(report.prediction);
    if (spec) charts.unshift({ name: 'prediction (score)', spec });
  }
  const rows = report.features
    .map(
      (f) =>
        `<tr class="${f.drifted ? 'drifted' : ''}"><td>${esc(f.name)}</td><td>${f.kind}</td><td>${f.test}</td>` +
        `<td data-v="${f.statistic ?? ''}">${num(f.statistic)}</td><td data-v="${f.pValue ?? ''}">${num(f.pValue)}</td>` +
        `<td data-v="${f.psi ?? ''}">${num(f.psi)}</td><td data-v="${f.missingRateReference}">${pct(f.missingRateReference)}</td>` +
        `<td data-v="${f.missingRateCurrent}">${pct(f.missingRateCurrent)}</td><td data-v="${f.importance ?? ''}">${num(f.importance)}</td>` +
        `<td>${f.drifted ? 'yes' : 'no'}</td><td>${esc(f.reasons.join('; '))}</td></tr>`,
    )
    .join('\n');
  const topList = s.topDrifted.length
    ? `<ol class="top">${s.topDrifted.map((n) => `<li>${esc(n)}</li>`).join('')}</ol>`
    : '<p>None.</p>';
  const target = report.target
    ? `<p>Realised default rate: reference ${pct(report.target.referenceRate)} (${report.target.referenceLabelled} labelled), current ${pct(report.target.currentRate)} (${report.target.currentLabelled} labelled), p-value ${num(report.target.pValue)}${report.target.drifted ? ' — <b>target drift</b>' : ''}.</p>`
    : '<p>No labels in the current data: target drift not computed.</p>';
  const libs = LIBS.map((l) => inlineScript(readFileSync(findModuleFile(l), 'utf8'))).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(options.title ?? 'Drift report')}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,'DejaVu Sans',sans-serif;margin:24px;color:#222;max-width:1200px}
.verdict{padding:12px 16px;border-radius:6px;font-size:20px;font-weight:600}
.alert{background:#fde2e1;color:#9b1c1c}.ok{background:#def7ec;color:#03543f}
.cards{display:flex;gap:16px;flex-wrap:wrap;margin:12px 0}.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px}
.card b{display:block;font-size:20px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left}
th{cursor:pointer;background:#f6f6f6;position:sticky;top:0}th:after{content:' ⇅';color:#aaa}
tr.drifted td:first-child{border-left:4px solid #d62728}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:16px}
ol.top{columns:3;font-size:14px}
.chart{min-height:230px;border:1px solid #eee;border-radius:6px;padding:6px}.chart h3{font-size:14px;margin:2px 0 4px}
</style></head><body>
<h1>${esc(options.title ?? 'Drift report')}</h1>
<div class="verdict ${s.alert ? 'alert' : 'ok'}">${s.alert ? 'DRIFT ALERT' : 'No drift alert'}</div>
<div class="cards">
<div class="card">drifted features<b>${s.driftedFeatures} / ${s.features} (${pct(s.driftedShare)})</b>dataset drift at ${pct(report.config.datasetDriftShare)}: ${s.datasetDrift ? 'yes' : 'no'}</div>
<div class="card">importance-weighted drift<b>${s.weightedDriftedShare === null ? 'n/a' : pct(s.weightedDriftedShare)}</b>${s.weightedDriftedShare === null ? 'no model importance given' : `alert at ${pct(report.config.weightedDriftShare)}`}</div>
<div class="card">prediction drift<b>${s.predictionDrift === null ? 'n/a' : s.predictionDrift ? 'yes' : 'no'}</b>${report.prediction ? `PSI ${num(report.prediction.psi)}` : 'no scores given'}</div>
<div class="card">rows<b>${report.rows.reference} → ${report.rows.current}</b>reference → current</div>
<div class="card">method<b>${report.method}</b>${esc(report.createdAt)}</div>
</div>
<h2>Most drifted important features</h2>${topList}
${target}
<h2>Distributions (top ${charts.length})</h2>
<div class="grid">${charts.map((c, i) => `<div class="chart" data-i="${i}"><h3>${esc(c.name)}</h3><div></div></div>`).join('')}</div>
<h2>All features</h2>
<table id="features"><thead><tr><th>feature</th><th>kind</th><th>test</th><th>statistic</th><th>p-value</th><th>PSI</th><th>missing ref</th><th>missing cur</th><th>importance</th><th>drifted</th><th>why</th></tr></thead>
<tbody>${rows}</tbody></table>
${jsonScript(
  'charts',
  charts.map((c) => c.spec),
)}
${libs}
<script>
const specs = JSON.parse(document.getElementById('charts').textContent);
const draw = (el) => { const i = +el.dataset.i; if (el.dataset.done) return; el.dataset.done = '1';
  vegaEmbed(el.lastElementChild, specs[i], { actions: false, renderer: 'svg' }); };
const io = new IntersectionObserver((es) => es.forEach((e) => { if (e.isIntersecting) { draw(e.target); io.unobserve(e.target); } }), { rootMargin: '300px' });
document.querySelectorAll('.chart').forEach((el) => io.observe(el));
document.querySelectorAll('#features th').forEach((th, col) => th.addEventListener('click', () => {
  const body = th.closest('table').tBodies[0]; const dir = th.dataset.dir === 'asc' ? -1 : 1; th.dataset.dir = dir > 0 ? 'asc' : 'desc';
  const key = (tr) => { const td = tr.children[col]; const v = td.dataset.v; return v !== undefined && v !== '' ? +v : td.textContent; };
  [...body.rows].sort((a, b) => { const x = key(a), y = key(b); return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir; })
    .forEach((tr) => body.appendChild(tr));
}));
</script>
</body></html>
`;
}
