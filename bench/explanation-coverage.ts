/**
 * How much of a client's explanation the dashboard's reasons show: for every Nth labelled client, the share
 * of the total |attribution| carried by the 5 strongest fields on each side (what the Decision tab lists).
 * Run: npx tsx bench/explanation-coverage.ts BUNDLE_DIR FEATURES_DIR [every=10] [clients=200]
 */
import { readFeatureFile } from '@credit/data';
import { loadBundle } from '@credit/training';
import { resolve } from 'node:path';

const [bundleDir, featuresDir, everyArg, clientsArg] = process.argv.slice(2);
if (!bundleDir || !featuresDir)
  throw new Error('usage: npx tsx bench/explanation-coverage.ts BUNDLE_DIR FEATURES_DIR [every] [clients]');
const every = Number(everyArg ?? 10);
const clients = Number(clientsArg ?? 200);
const model = await loadBundle(bundleDir);
const table = await readFeatureFile(resolve(featuresDir, 'features.arrow'));
const columns = model.manifest.featureNames.map((name) => {
  const c = table.names.indexOf(name);
  if (c < 0) throw new Error(`${featuresDir}: no column ${name} that the bundle needs`);
  return table.columns[c]!;
});
const shares: number[] = [];
for (let r = 0; r < table.ids.length && shares.length < clients; r += every) {
  const e = model.explain(columns.map((c) => c[r]!));
  const shown = [
    ...e.contributions.filter((c) => c.contribution > 0).slice(0, 5),
    ...e.contributions.filter((c) => c.contribution < 0).slice(0, 5),
  ];
  const total = e.contributions.reduce((s, c) => s + Math.abs(c.contribution), 0);
  if (total > 0) shares.push(shown.reduce((s, c) => s + Math.abs(c.contribution), 0) / total);
}
const sorted = [...shares].sort((a, b) => a - b);
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2);
console.log(
  JSON.stringify({ clients: shares.length, shownShare: { p10: q(0.1), median: q(0.5), p90: q(0.9) } }),
);
