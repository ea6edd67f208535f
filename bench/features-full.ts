/**
 * Full-scale feature benchmark: load a Kaggle-layout directory, build the feature table, write
 * features.arrow + recipe.json; prints seconds per table (load) and per feature group, and peak RSS.
 *
 *   npx credit data synth --clients 307511 --test-clients 48744 --out /tmp/synth-full
 *   node --max-old-space-size=6144 --import tsx bench/features-full.ts /tmp/synth-full /tmp/features-full
 */
import { readFileSync } from 'node:fs';
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

const t0 = performance.now();
const tables: KaggleTables = {};
for (const table of TABLE_NAMES) {
  if (!findKaggleFile(dir, table)) {
    console.log(`load ${table.padEnd(24)} absent`);
    continue;
  }
  const s = performance.now();
  tables[table] = await loadKaggleTable(dir, table);
  console.log(
    `load ${table.padEnd(24)} ${String(tables[table]!.numRows()).padStart(10)} rows ${((performance.now() - s) / 1000).toFixed(1).padStart(7)} s  peak RSS ${peakRssGiB().toFixed(2)} GiB`,
  );
}
const loaded = performance.now();
const built = buildFeatures(tables, undefined, {
  onProgress: (p) =>
    console.log(
      `features ${p.group.padEnd(22)} ${String(p.columns).padStart(4)} columns ${p.seconds.toFixed(1).padStart(7)} s  peak RSS ${peakRssGiB().toFixed(2)} GiB`,
    ),
});
const featured = performance.now();
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
console.log(`peak RSS ${peakRssGiB().toFixed(2)} GiB`);
