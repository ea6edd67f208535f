import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKaggleDir } from '../kaggle/load.js';
import { kaggleSchemas, TABLE_NAMES } from '../kaggle/schema.js';
import { synthesizeKaggleDir, type SynthSummary } from './synthesize.js';
import { column, readCsv } from './test-csv.js';
import { aucOf } from '../testing/rank-auc.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'synth-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function bytesOf(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

describe('synthesizeKaggleDir', () => {
  let dir: string;
  let summary: SynthSummary;
  beforeAll(async () => {
    dir = tempDir();
    summary = await synthesizeKaggleDir({ outDir: dir, clients: 2500, testClients: 500, seed: 7 });
  });

  it('writes the 8 Kaggle files with their headers in Kaggle order, and no temp file', () => {
    expect(readdirSync(dir).sort()).toEqual(TABLE_NAMES.map((t) => kaggleSchemas[t].file).sort());
    for (const table of TABLE_NAMES) {
      const first = readFileSync(join(dir, kaggleSchemas[table].file), 'utf8').split('\n', 1)[0];
      expect(first).toBe(kaggleSchemas[table].columns.map((c) => c.name).join(','));
    }
  });

  it('loads with the Kaggle loader: every table, the reported rows, numeric columns as Float64Array', async () => {
    const tables = await loadKaggleDir(dir);
    for (const f of summary.files) {
      const t = tables[f.table];
      expect({ table: f.table, rows: t?.numRows() }).toEqual({ table: f.table, rows: f.rows });
    }
    const credit = tables.application_train?.column('AMT_CREDIT');
    expect(credit).toBeInstanceOf(Float64Array);
    const text = column(readCsv(join(dir, 'application_train.csv')), 'AMT_CREDIT');
    expect(Array.from(credit as unknown as Float64Array).slice(0, 50)).toEqual(text.slice(0, 50).map(Number));
    expect(tables.bureau_balance?.column('STATUS')?.at(0)).toEqual(expect.any(String));
  });

  it('reports the rows it wrote', () => {
    for (const f of summary.files) {
      const lines = readFileSync(join(dir, f.file), 'utf8')
        .split('\n')
        .filter((l) => l !== '');
      expect({ file: f.file, rows: lines.length - 1 }).toEqual({ file: f.file, rows: f.rows });
    }
  });

  it('gives unique SK_ID_CURR over train + test, unique SK_ID_BUREAU and SK_ID_PREV, and valid references', () => {
    const train = column(readCsv(join(dir, 'application_train.csv')), 'SK_ID_CURR');
    const test = column(readCsv(join(dir, 'application_test.csv')), 'SK_ID_CURR');
    expect(train).toHaveLength(2500);
    expect(test).toHaveLength(500);
    const clients = new Set([...train, ...test]);
    expect(clients.size).toBe(3000);
    const bureau = column(readCsv(join(dir, 'bureau.csv')), 'SK_ID_BUREAU');
    expect(new Set(bureau).size).toBe(bureau.length);
    const prev = column(readCsv(join(dir, 'previous_application.csv')), 'SK_ID_PREV');
    expect(new Set(prev).size).toBe(prev.length);
    const prevIds = new Set(prev);
    for (const file of ['POS_CASH_balance.csv', 'installments_payments.csv', 'credit_card_balance.csv']) {
      const data = readCsv(join(dir, file));
      expect(column(data, 'SK_ID_PREV').every((id) => prevIds.has(id))).toBe(true);
      expect(column(data, 'SK_ID_CURR').every((id) => clients.has(id))).toBe(true);
    }
    const bureauIds = new Set(bureau);
    expect(
      column(readCsv(join(dir, 'bureau_balance.csv')), 'SK_ID_BUREAU').every((id) => bureauIds.has(id)),
    ).toBe(true);
  });

  it('has Kaggle-like rows per client in each related table, with many clients having none', () => {
    const perClient = Object.fromEntries(summary.files.map((f) => [f.table, f.rows / 3000]));
    // Kaggle (356,255 clients): 4.8 bureau, 76.6 bureau_balance, 4.7 previous, 28.1 POS, 38.3 instalments, 10.8 card.
    expect(perClient.bureau).toBeGreaterThan(4.0);
    expect(perClient.bureau).toBeLessThan(5.8);
    expect(perClient.bureau_balance).toBeGreaterThan(60);
    expect(perClient.bureau_balance).toBeLessThan(95);
    expect(perClient.previous_application).toBeGreaterThan(4.0);
    expect(perClient.previous_application).toBeLessThan(5.5);
    expect(perClient.POS_CASH_balance).toBeGreaterThan(22);
    expect(perClient.POS_CASH_balance).toBeLessThan(34);
    expect(perClient.installments_payments).toBeGreaterThan(30);
    expect(perClient.installments_payments).toBeLessThan(46);
    expect(perClient.credit_card_balance).toBeGreaterThan(7);
    expect(perClient.credit_card_balance).toBeLessThan(15);
    const withCard = new Set(column(readCsv(join(dir, 'credit_card_balance.csv')), 'SK_ID_CURR')).size / 3000;
    expect(withCard).toBeGreaterThan(0.15);
    expect(withCard).toBeLessThan(0.45);
    const withBureau = new Set(column(readCsv(join(dir, 'bureau.csv')), 'SK_ID_CURR')).size / 3000;
    expect(withBureau).toBeGreaterThan(0.8);
    expect(withBureau).toBeLessThan(0.92);
  });

  it('draws about 8% defaults that the visible signals can rank (EXT_SOURCE, late payments)', () => {
    const train = readCsv(join(dir, 'application_train.csv'));
    const target = column(train, 'TARGET').map(Number);
    const rate = target.reduce((s, t) => s + t, 0) / target.length;
    expect(rate).toBeGreaterThan(0.06);
    expect(rate).toBeLessThan(0.1);

    // Mean of the present EXT_SOURCE_* as a score: a lower score should mean more defaults.
    const ext = ['EXT_SOURCE_1', 'EXT_SOURCE_2', 'EXT_SOURCE_3'].map((n) => column(train, n));
    const score = target.map((_, i) => {
      const present = ext
        .map((c) => c[i] as string)
        .filter((v) => v !== '')
        .map(Number);
      return present.length ? -present.reduce((s, v) => s + v, 0) / present.length : 0;
    });
    const auc = aucOf(score, target);
    expect(auc).toBeGreaterThan(0.65);
    expect(auc).toBeLessThan(0.85);

    // Defaulters pay late more often.
    const inst = readCsv(join(dir, 'installments_payments.csv'));
    const due = column(inst, 'DAYS_INSTALMENT').map(Number);
    const paid = column(inst, 'DAYS_ENTRY_PAYMENT').map(Number);
    const owner = column(inst, 'SK_ID_CURR');
    const defaulted = new Set(column(train, 'SK_ID_CURR').filter((_, i) => target[i] === 1));
    const late = { bad: [0, 0], good: [0, 0] };
    owner.forEach((id, i) => {
      const g = defaulted.has(id) ? late.bad : late.good;
      g[0]! += (paid[i] as number) > (due[i] as number) ? 1 : 0;
      g[1]! += 1;
    });
    expect(late.bad[0]! / late.bad[1]!).toBeGreaterThan((1.3 * late.good[0]!) / late.good[1]!);
  });

  it('is deterministic: the same seed gives byte-identical files, another seed different ones', async () => {
    const a = tempDir();
    const b = tempDir();
    const c = tempDir();
    await synthesizeKaggleDir({ outDir: a, clients: 200, testClients: 50, seed: 11 });
    await synthesizeKaggleDir({ outDir: b, clients: 200, testClients: 50, seed: 11 });
    await synthesizeKaggleDir({ outDir: c, clients: 200, testClients: 50, seed: 12 });
    const [fa, fb, fc] = [bytesOf(a), bytesOf(b), bytesOf(c)];
    for (const [file, bytes] of fa) {
      expect({ file, same: bytes.equals(fb.get(file) as Buffer) }).toEqual({ file, same: true });
      expect({ file, same: bytes.equals(fc.get(file) as Buffer) }).toEqual({ file, same: false });
    }
  });

  it('writes gzip files that decompress to the same bytes as plain ones', async () => {
    const plain = tempDir();
    const gz = tempDir();
    await synthesizeKaggleDir({ outDir: plain, clients: 100, testClients: 20, seed: 3 });
    const summaryGz = await synthesizeKaggleDir({
      outDir: gz,
      clients: 100,
      testClients: 20,
      seed: 3,
      gzip: true,
    });
    expect(summaryGz.files.every((f) => f.file.endsWith('.csv.gz'))).toBe(true);
    const { gunzipSync } = await import('node:zlib');
    for (const f of summaryGz.files)
      expect(
        gunzipSync(readFileSync(join(gz, f.file))).equals(readFileSync(join(plain, f.file.slice(0, -3)))),
      ).toBe(true);
  });

  it('reports progress and rejects bad options with a DataError', async () => {
    const seen: number[] = [];
    await synthesizeKaggleDir({
      outDir: tempDir(),
      clients: 90,
      testClients: 10,
      seed: 1,
      onProgress: (p) => seen.push(p.clientsDone),
    });
    expect(seen.at(-1)).toBe(100);
    await expect(
      synthesizeKaggleDir({ outDir: tempDir(), clients: -1, testClients: 0, seed: 1 }),
    ).rejects.toMatchObject({
      code: 'SYNTH_BAD_OPTION',
    });
    await expect(
      synthesizeKaggleDir({ outDir: tempDir(), clients: 1, testClients: 0, seed: 1.5 }),
    ).rejects.toMatchObject({
      code: 'SYNTH_BAD_OPTION',
    });
  });
});
