/**
 * Load benchmark: each Kaggle table of a directory, in its own process (so peak RSS is per table).
 * Prints wall and CPU seconds, MB/s of the file as stored (wall and CPU: the machine is shared, so
 * CPU time is the steadier figure), rows, peak RSS and the in-memory size of the columns.
 * The target (issue #2) is >= 100 MB/s of CSV per table on one core, peak RSS < 3x the columns.
 *
 * What is timed: loadKaggleTable from its call to its return (the parser's one-off warm-up, opening
 * and reading the file, parsing, trimming the columns, building the Arquero table), after the modules
 * are imported; not the process start nor tsx compiling the TypeScript. CPU seconds are the whole
 * process's (all threads: the JIT compiles and the garbage collector's helpers count). `base RSS` is
 * the process's RSS just before the load (Node + tsx + the modules); `ratio` is peak RSS over the
 * columns, `net ratio` is (peak RSS - base RSS) over the columns.
 *
 *   npx tsx bench/load-tables.ts DIR [table ...]        (from the repo root)
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  CodedColumn,
  findKaggleFile,
  loadKaggleTable,
  TABLE_NAMES,
  type TableName,
} from '../data/src/kaggle/index.js';

interface Result {
  table: TableName;
  file: string;
  fileMB: number;
  rows: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMB: number;
  baseRssMB: number;
  columnsMB: number;
}

async function one(dir: string, table: TableName): Promise<Result> {
  const file = findKaggleFile(dir, table)!;
  const baseRssMB = process.memoryUsage().rss / 1e6;
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const t = await loadKaggleTable(dir, table);
  const used = process.cpuUsage(cpu);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // In-memory size of the columns: their typed arrays (8 bytes per number, 4 per categorical code).
  let bytes = 0;
  for (const name of t.columnNames()) {
    const col = t.column(name) as unknown;
    bytes += ArrayBuffer.isView(col) ? col.byteLength : col instanceof CodedColumn ? col.codes.byteLength : 0;
  }
  const columnsMB = bytes / 1e6;
  return {
    table,
    file,
    fileMB: statSync(file).size / 1e6,
    rows: t.numRows(),
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
    baseRssMB,
    columnsMB,
  };
}

async function mainBench(): Promise<void> {
  const [mode, dir, ...rest] = process.argv.slice(2);
  if (mode === '--one' && dir && rest[0]) {
    process.stdout.write(JSON.stringify(await one(dir, rest[0] as TableName)));
    return;
  }
  const root = mode;
  if (!root) throw new Error('usage: npx tsx bench/load-tables.ts DIR [table ...]');
  const tables = (dir ? [dir, ...rest] : TABLE_NAMES).filter((t) => findKaggleFile(root, t as TableName));
  const self = fileURLToPath(import.meta.url);
  console.log(
    'table                      file         MB       rows  wall s   MB/s  CPU s  MB/s CPU  peak RSS MB  base RSS MB  columns MB  ratio  net ratio',
  );
  let totalMB = 0;
  let totalSeconds = 0;
  let totalCpu = 0;
  for (const table of tables) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--one', root, table], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const r = JSON.parse(out) as Result;
    const name = r.file.split('/').pop() ?? r.file;
    console.log(
      [
        table.padEnd(26),
        name.endsWith('.gz') ? 'gz ' : 'csv',
        r.fileMB.toFixed(1).padStart(9),
        String(r.rows).padStart(10),
        r.seconds.toFixed(2).padStart(7),
        (r.fileMB / r.seconds).toFixed(1).padStart(6),
        r.cpuSeconds.toFixed(2).padStart(6),
        (r.fileMB / r.cpuSeconds).toFixed(1).padStart(9),
        r.peakRssMB.toFixed(0).padStart(12),
        r.baseRssMB.toFixed(0).padStart(12),
        r.columnsMB.toFixed(0).padStart(11),
        (r.peakRssMB / r.columnsMB).toFixed(2).padStart(6),
        ((r.peakRssMB - r.baseRssMB) / r.columnsMB).toFixed(2).padStart(10),
      ].join(' '),
    );
    totalMB += r.fileMB;
    totalSeconds += r.seconds;
    totalCpu += r.cpuSeconds;
  }
  console.log(
    `all: ${totalMB.toFixed(1)} MB in ${totalSeconds.toFixed(2)} s wall (${(totalMB / totalSeconds).toFixed(1)} MB/s), ` +
      `${totalCpu.toFixed(2)} s CPU (${(totalMB / totalCpu).toFixed(1)} MB/s); load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
}

await mainBench();
