/**
 * Full-scale feature benchmark: load a Kaggle-layout directory, build the feature table, write
 * features.arrow + recipe.json; prints wall and CPU seconds per table (load) and per feature group,
 * peak RSS and the load average (the machine is shared: CPU seconds are the steadier figure).
 *
 *   npx credit data synth --clients 307511 --test-clients 48744 --out /tmp/synth-full
 *   node --max-old-space-size=6144 --import tsx bench/features-full.ts /tmp/synth-full /tmp/features-full
 */
import { readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildFeatures,
  loadKaggleTable,
  TABLE_NAMES,
  findKaggleFile,
  writeFeatureFile,
  writeRecipeFile,
} from '@credit/data';
import type { KaggleTables } from '@credit/data';

const [dir = '/tmp/synth-full', out = '/tmp/features-full'] = process.argv.slice(2);

/** Peak resident set so far (VmHWM), in GiB: the kernel's own high-water mark. */
function peakRssGiB(): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Number(kb ?? 0) / 2 ** 20;
}

/** CPU seconds (user + system, all threads) since the previous call. */
let lastCpu = process.cpuUsage();
function cpuSince(): number {
  const d = process.cpuUsage(lastCpu);
  lastCpu = process.cpuUsage();
  return (d.user + d.system) / 1e6;
}

console.log(
  `load average at start ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const tables: KaggleTables = {};
for (const table of TABLE_NAMES) {
  if (!findKaggleFile(dir, table)) {
    console.log(`load ${table.padEnd(24)} absent`);
    continue;
  }
  const s = performance.now();
  cpuSince();
  tables[table] = await loadKaggleTable(dir, table);
  const mb = statSync(findKaggleFile(dir, table)!).size / 1e6;
  const cpu = cpuSince();
  console.log(
    `load ${table.padEnd(24)} ${String(tables[table]!.numRows()).padStart(10)} rows ${((performance.now() - s) / 1000).toFixed(1).padStart(7)} s  CPU ${cpu.toFixed(1).padStart(6)} s  ${(mb / cpu).toFixed(0).padStart(4)} MB/s CPU  peak RSS ${peakRssGiB().toFixed(2)} GiB`,
  );
}
const loaded = performance.now();
const loadCpu = process.cpuUsage(cpu0);
cpuSince();
// With the optional derived group, as `credit run` builds them (config features.derived, default true).
const built = buildFeatures(tables, undefined, {
  extraGroups: ['derived', 'loan-terms'],
  onProgress: (p) =>
    console.log(
      `features ${p.group.padEnd(22)} ${String(p.columns).padStart(4)} columns ${p.seconds.toFixed(1).padStart(7)} s  CPU ${cpuSince().toFixed(1).padStart(6)} s  peak RSS ${peakRssGiB().toFixed(2)} GiB`,
    ),
});
const featured = performance.now();
const featuresCpu = process.cpuUsage(cpu0);
for (const k of Object.keys(tables)) delete tables[k as keyof KaggleTables];
await mkdir(out, { recursive: true });
await writeFeatureFile(join(out, 'features.arrow'), built.table);
await writeRecipeFile(join(out, 'recipe.json'), built.recipe);
const done = performance.now();
console.log(
  `rows ${built.table.ids.length}, features ${built.table.names.length}, warnings ${built.warnings.length}`,
);
console.log(
  `load ${((loaded - t0) / 1000).toFixed(1)} s, features ${((featured - loaded) / 1000).toFixed(1)} s, write ${((done - featured) / 1000).toFixed(1)} s, total ${((done - t0) / 1000).toFixed(1)} s`,
);
const allCpu = process.cpuUsage(cpu0);
const sec = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
console.log(
  `CPU: load ${sec(loadCpu).toFixed(1)} s, features ${(sec(featuresCpu) - sec(loadCpu)).toFixed(1)} s, total ${sec(allCpu).toFixed(1)} s`,
);
console.log(`peak RSS ${peakRssGiB().toFixed(2)} GiB`);
console.log(
  `load average at end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
