/**
 * Load benchmark: each Kaggle table of a directory, in its own process (so peak RSS is per table).
 * Prints seconds, MB/s of the file as stored and of the CSV text, rows and peak RSS.
 *
 *   npx tsx bench/load-tables.ts DIR [table ...]        (from the repo root)
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findKaggleFile, loadKaggleTable, TABLE_NAMES, type TableName } from '../data/src/kaggle/index.js';

interface Result {
  table: TableName;
  file: string;
  fileMB: number;
  rows: number;
  seconds: number;
  peakRssMB: number;
  columnsMB: number;
}

async function one(dir: string, table: TableName): Promise<Result> {
  const file = findKaggleFile(dir, table)!;
  const started = process.hrtime.bigint();
  const t = await loadKaggleTable(dir, table);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // In-memory size: 8 bytes per numeric cell, ~8 per categorical reference (strings are shared or short).
  const columnsMB = (t.numRows() * t.numCols() * 8) / 1e6;
  return {
    table,
    file,
    fileMB: statSync(file).size / 1e6,
    rows: t.numRows(),
    seconds,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
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
    'table                      file          MB   rows        s     MB/s  peak RSS MB  columns MB',
  );
  for (const table of tables) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--one', root, table], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const r = JSON.parse(out) as Result;
    const name = r.file.split('/').pop() ?? r.file;
    console.log(
      `${table.padEnd(26)} ${name.endsWith('.gz') ? 'gz ' : 'csv'} ${r.fileMB.toFixed(1).padStart(10)} ${String(r.rows).padStart(10)} ${r.seconds.toFixed(2).padStart(6)} ${(r.fileMB / r.seconds).toFixed(1).padStart(8)} ${r.peakRssMB.toFixed(0).padStart(12)} ${r.columnsMB.toFixed(0).padStart(11)}`,
    );
  }
}

await mainBench();
