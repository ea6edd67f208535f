import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kaggleSchemas, TABLE_NAMES, type TableName } from '../kaggle/schema.js';
import { synthesizeKaggleDir } from './synthesize.js';
import { splitCsvLine } from './test-csv.js';

// The real rows live outside the repository: <repo>/../shared/data/home-credit-sample.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const sampleDir = resolve(repoRoot, '..', 'shared', 'data', 'home-credit-sample');
const available = existsSync(join(sampleDir, 'application_train.csv.gz'));
const DAYS_CODE = 365243;

if (!available) {
  if (process.env.CI === 'true')
    it('needs the real sample in ../shared/data/home-credit-sample (CI=true)', () => {
      throw new Error(`${sampleDir} is missing: CI must provide the shared Home Credit sample`);
    });
  else console.warn(`skipping the synthetic-vs-real comparison: ${sampleDir} not found`);
}

interface ColumnStats {
  missing: number;
  categorical: boolean;
  values: Set<string>;
  min: number;
  max: number; // ignoring the 365243 code
  codeShare: number;
}

/** Column statistics of a CSV (plain or gzip), streamed line by line. */
async function statsOf(path: string): Promise<{ stats: Map<string, ColumnStats>; targetRate: number }> {
  const input = createReadStream(path);
  const lines = createInterface({
    input: path.endsWith('.gz') ? input.pipe(createGunzip()) : input,
    crlfDelay: Infinity,
  });
  let header: string[] | undefined;
  const acc: {
    missing: number;
    codes: number;
    categorical: boolean;
    min: number;
    max: number;
    values: Set<string>;
  }[] = [];
  let rows = 0;
  let defaults = 0;
  let targetAt = -1;
  for await (const line of lines) {
    if (line === '') continue;
    const cells = splitCsvLine(line);
    if (!header) {
      header = cells;
      targetAt = header.indexOf('TARGET');
      for (let c = 0; c < header.length; c++)
        acc.push({
          missing: 0,
          codes: 0,
          categorical: false,
          min: Infinity,
          max: -Infinity,
          values: new Set(),
        });
      continue;
    }
    rows++;
    if (targetAt >= 0 && Number(cells[targetAt]) === 1) defaults++;
    for (let c = 0; c < acc.length; c++) {
      const a = acc[c]!;
      const cell = cells[c] ?? '';
      if (cell === '') {
        a.missing++;
        continue;
      }
      const n = Number(cell);
      if (!Number.isFinite(n)) {
        a.categorical = true;
        a.values.add(cell);
      } else if (n === DAYS_CODE) a.codes++;
      else {
        if (n < a.min) a.min = n;
        if (n > a.max) a.max = n;
      }
    }
  }
  const stats = new Map<string, ColumnStats>();
  (header ?? []).forEach((name, c) => {
    const a = acc[c]!;
    stats.set(name, {
      missing: a.missing / Math.max(1, rows),
      categorical: a.categorical,
      values: a.values,
      min: a.min,
      max: a.max,
      codeShare: a.codes / Math.max(1, rows - a.missing),
    });
  });
  return { stats, targetRate: defaults / Math.max(1, rows) };
}

(available ? describe : describe.skip)('synthetic tables against the real Home Credit sample', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'synth-real-'));
  const synth = new Map<TableName, Map<string, ColumnStats>>();
  const real = new Map<TableName, Map<string, ColumnStats>>();
  let targetRate = { synth: 0, real: 0 };

  beforeAll(async () => {
    // Enough test clients too: 121 columns compared at 0.05 need a few thousand rows per table.
    await synthesizeKaggleDir({ outDir, clients: 2000, testClients: 2000, seed: 2024 });
    for (const table of TABLE_NAMES) {
      const s = await statsOf(join(outDir, kaggleSchemas[table].file));
      const r = await statsOf(join(sampleDir, `${kaggleSchemas[table].file}.gz`));
      synth.set(table, s.stats);
      real.set(table, r.stats);
      if (table === 'application_train') targetRate = { synth: s.targetRate, real: r.targetRate };
    }
  }, 170_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it.each(TABLE_NAMES)('%s: per column missing rate within 0.05 of the real one', (table) => {
    const off = [...synth.get(table)!.entries()]
      .map(([name, s]) => ({ name, synth: s.missing, real: real.get(table)!.get(name)!.missing }))
      .filter((c) => Math.abs(c.synth - c.real) > 0.05);
    expect(off).toEqual([]);
  });

  it.each(TABLE_NAMES)('%s: categorical values are a subset of the real ones', (table) => {
    const unknown = [...synth.get(table)!.entries()]
      .map(([name, s]) => ({
        name,
        values: [...s.values].filter((v) => !real.get(table)!.get(name)!.values.has(v)),
      }))
      .filter((c) => c.values.length > 0);
    expect(unknown).toEqual([]);
  });

  it.each(TABLE_NAMES)('%s: signs and the 365243 code as in the real data', (table) => {
    const broken: string[] = [];
    for (const [name, s] of synth.get(table)!) {
      const r = real.get(table)!.get(name)!;
      if (r.categorical) continue;
      if (r.min >= 0 && s.min < 0) broken.push(`${name}: negative values (real ones are >= 0)`);
      if (r.max <= 0 && s.max > 0) broken.push(`${name}: positive values (real ones are <= 0 or 365243)`);
      if (Math.abs(s.codeShare - r.codeShare) > 0.05)
        broken.push(`${name}: 365243 share ${s.codeShare.toFixed(3)} vs real ${r.codeShare.toFixed(3)}`);
    }
    expect(broken).toEqual([]);
  });

  it('has a default rate near the real 8%', () => {
    expect(Math.abs(targetRate.synth - targetRate.real)).toBeLessThan(0.025);
  });
});
