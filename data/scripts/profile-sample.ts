/**
 * Measures the real Home Credit sample ONCE and writes the compact statistics the synthetic generator
 * draws from (data/src/synth/sample-profile.ts): per column the missing rate, the 365243 code share,
 * categorical value frequencies, and numeric quantiles (or exact frequencies for few distinct values).
 * Derived statistics only: no row of the sample is copied.
 *
 *   npx tsx scripts/profile-sample.ts [../../shared/data/home-credit-sample]   (run from data/)
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { ColumnProfile, SampleProfile } from '../src/synth/profile-types.js';

const TABLES = [
  'application_train',
  'application_test',
  'bureau',
  'bureau_balance',
  'previous_application',
  'POS_CASH_balance',
  'installments_payments',
  'credit_card_balance',
] as const;
const DAYS_CODE = 365243;
const MAX_DISTINCT_AS_FREQUENCIES = 40;
const MAX_DECIMALS = 6;

/** Splits one CSV line, honouring double-quoted fields ("Stone, brick"). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') break;
        else value += line[i++];
      }
      out.push(value);
      i += 2; // closing quote and comma
    } else {
      const end = line.indexOf(',', i);
      const stop = end === -1 ? line.length : end;
      out.push(line.slice(i, stop));
      i = stop + 1;
    }
  }
  return out;
}

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  if (dot === -1 || /e/i.test(text)) return 0;
  return text.length - dot - 1;
}

interface Acc {
  rows: number;
  missing: number;
  codes: number;
  numbers: number[];
  strings: Map<string, number>;
  numeric: boolean;
  decimals: number;
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

function finish(acc: Acc): ColumnProfile {
  const present = acc.rows - acc.missing;
  const missing = round(acc.missing / acc.rows, 5);
  if (!acc.numeric) {
    const values = [...acc.strings.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([v, n]) => [v, round(n / present, 6)] as [string, number]);
    return { kind: 'categorical', missing, values };
  }
  const nums = acc.numbers.filter((v) => v !== DAYS_CODE).sort((a, b) => a - b);
  const code365243 = present > 0 ? round(acc.codes / present, 5) : 0;
  const integral = nums.every((v) => Number.isInteger(v));
  const decimals = Math.min(acc.decimals, MAX_DECIMALS);
  const distinct = new Map<number, number>();
  for (const v of nums) distinct.set(v, (distinct.get(v) ?? 0) + 1);
  if (distinct.size <= MAX_DISTINCT_AS_FREQUENCIES) {
    const values = [...distinct.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([v, n]) => [v, round(n / nums.length, 6)] as [number, number]);
    return { kind: 'numeric', missing, code365243, integral, decimals, values };
  }
  const quantiles: number[] = [];
  for (let p = 0; p <= 100; p++) {
    const pos = (p / 100) * (nums.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, nums.length - 1);
    const v = (nums[lo] as number) + ((nums[hi] as number) - (nums[lo] as number)) * (pos - lo);
    quantiles.push(integral ? Math.round(v) : round(v, decimals));
  }
  return { kind: 'numeric', missing, code365243, integral, decimals, quantiles };
}

async function profileTable(file: string): Promise<{ rows: number; columns: Record<string, ColumnProfile> }> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: string[] | undefined;
  let accs: Acc[] = [];
  for await (const line of lines) {
    if (line === '') continue;
    const cells = splitCsv(line);
    if (!header) {
      header = cells;
      accs = header.map(() => ({
        rows: 0,
        missing: 0,
        codes: 0,
        numbers: [],
        strings: new Map(),
        numeric: true,
        decimals: 0,
      }));
      continue;
    }
    cells.forEach((cell, i) => {
      const acc = accs[i] as Acc;
      acc.rows++;
      if (cell === '') return void acc.missing++;
      acc.strings.set(cell, (acc.strings.get(cell) ?? 0) + 1);
      const n = Number(cell);
      if (!Number.isFinite(n)) acc.numeric = false;
      else {
        acc.numbers.push(n);
        if (n === DAYS_CODE) acc.codes++;
        acc.decimals = Math.max(acc.decimals, decimalsOf(cell));
      }
    });
  }
  if (!header) throw new Error(`${file}: empty file`);
  const columns: Record<string, ColumnProfile> = {};
  header.forEach((name, i) => (columns[name] = finish(accs[i] as Acc)));
  return { rows: accs[0]?.rows ?? 0, columns };
}

const dir = resolve(process.argv[2] ?? '../../shared/data/home-credit-sample');
const profile: SampleProfile = {} as SampleProfile;
for (const table of TABLES) {
  const { rows, columns } = await profileTable(join(dir, `${table}.csv.gz`));
  profile[table] = { rows, columns };
  process.stderr.write(`${table}: ${rows} rows, ${Object.keys(columns).length} columns\n`);
}
const out = resolve('src/synth/sample-profile.ts');
writeFileSync(
  out,
  `// Generated by data/scripts/profile-sample.ts from ../shared/data/home-credit-sample: derived statistics\n` +
    `// (missing rates, category frequencies, quantiles), no rows. Regenerate rather than edit.\n` +
    `import type { SampleProfile } from './profile-types.js';\n\n` +
    `export const sampleProfile: SampleProfile = ${JSON.stringify(profile)};\n`,
);
process.stderr.write(`wrote ${out}\n`);
