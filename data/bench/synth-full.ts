/**
 * Full-scale synthetic generation: Kaggle's 307,511 + 48,744 clients (about 58M related rows).
 * Prints minutes, peak RSS and rows/bytes per file.
 *
 *   cd data && npx tsx bench/synth-full.ts /tmp/synth-full [--gzip] [--clients N --test-clients M]
 */
import { synthesizeKaggleDir } from '../src/synth/index.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const outDir =
  args.find(
    (a, i) =>
      !a.startsWith('--') &&
      !args[i - 1]?.startsWith('--clients') &&
      !args[i - 1]?.startsWith('--test-clients'),
  ) ?? '/tmp/synth-full';
const clients = flag('--clients', 307_511);
const testClients = flag('--test-clients', 48_744);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);
const summary = await synthesizeKaggleDir({
  outDir,
  clients,
  testClients,
  seed: 42,
  gzip: args.includes('--gzip'),
  onProgress: (p) => {
    if (
      p.clientsDone % Math.max(1, Math.floor(p.clientsTotal / 20)) <
      Math.max(1, Math.floor(p.clientsTotal / 100))
    )
      process.stderr.write(
        `${Math.round((100 * p.clientsDone) / p.clientsTotal)}% ${p.rows} rows ${p.seconds.toFixed(0)} s\n`,
      );
  },
});
clearInterval(sampler);
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

const print = (line: string) => process.stdout.write(`${line}\n`);
const totalRows = summary.files.reduce((s, f) => s + f.rows, 0);
const totalBytes = summary.files.reduce((s, f) => s + f.bytes, 0);
print(`synthetic generation: ${clients} + ${testClients} clients -> ${outDir}`);
for (const f of summary.files)
  print(
    `  ${f.file.padEnd(30)} ${String(f.rows).padStart(11)} rows ${(f.bytes / 1e6).toFixed(1).padStart(9)} MB`,
  );
print(`  total ${totalRows} rows, ${(totalBytes / 1e9).toFixed(2)} GB`);
print(
  `  time ${(summary.seconds / 60).toFixed(2)} min (${(totalBytes / 1e6 / summary.seconds).toFixed(1)} MB/s), peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
);
