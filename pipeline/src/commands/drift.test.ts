import {
  buildFeatures,
  loadKaggleDir,
  openStore,
  synthesizeKaggleDir,
  writeFeatureFile,
  writeRecipeFile,
} from '@credit/data';
import { loadBundle, saveBundle, trainFromFeatureTable } from '@credit/training';
import { createDecisionWriter } from '@credit/serving';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main.js';
import { runCli } from '../cli/run-cli-for-tests.js';
import { acquireStoreLock } from '../store/store-lock.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

async function featureFile(dir: string, name: string, shift: number, extra?: string): Promise<string> {
  const n = 400;
  const path = join(dir, name);
  await writeFeatureFile(path, {
    ids: Float64Array.from({ length: n }, (_, i) => i + 1),
    target: new Float64Array(n).fill(NaN),
    names: ['AMT', 'FLAG', ...(extra ? [extra] : [])],
    columns: [
      Float64Array.from({ length: n }, (_, i) => i + shift),
      Float64Array.from({ length: n }, (_, i) => i % 2),
      ...(extra ? [new Float64Array(n).fill(1)] : []),
    ],
  });
  return path;
}

describe('credit drift', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credit-drift-'));

  it('exits 2 on a drift alert and writes the three reports', async () => {
    const ref = await featureFile(dir, 'ref.arrow', 0);
    const cur = await featureFile(dir, 'cur.arrow', 300);
    const out = join(dir, 'out');
    const code = await main(
      ['node', 'credit', 'drift', '--reference', ref, '--current', cur, '--out', out],
      silent,
    );
    process.exitCode = undefined;
    expect(code).toBe(2);
    for (const f of ['drift.json', 'report.html', 'summary.png']) expect(existsSync(join(out, f))).toBe(true);
    const json = JSON.parse(readFileSync(join(out, 'drift.json'), 'utf8')) as { summary: { alert: boolean } };
    expect(json.summary.alert).toBe(true);
  }, 60_000);

  it('exits 0 with --no-fail, and 0 when nothing drifted', async () => {
    const ref = await featureFile(dir, 'ref2.arrow', 0);
    const cur = await featureFile(dir, 'cur2.arrow', 300);
    const args = ['--reference', ref, '--out', join(dir, 'o2')];
    expect(await main(['node', 'credit', 'drift', ...args, '--current', cur, '--no-fail'], silent)).toBe(0);
    process.exitCode = undefined;
    expect(await main(['node', 'credit', 'drift', ...args, '--current', ref], silent)).toBe(0);
    process.exitCode = undefined;
  }, 60_000);

  it('rejects an unknown method with exit 1', async () => {
    const ref = await featureFile(dir, 'ref3.arrow', 0);
    const code = await main(
      ['node', 'credit', 'drift', '--reference', ref, '--current', ref, '--method', 'magic'],
      silent,
    );
    expect(code).toBe(1);
  });
});

describe('credit drift --current log (the serving decision log)', () => {
  const root = mkdtempSync(join(tmpdir(), 'credit-drift-log-'));
  // A window of its own, far in the past, so a shared PostgreSQL (DATABASE_URL in CI) holding other
  // tests' decisions does not change what this test reads.
  const base = Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 1e6) * 1000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const inWindow = 400;

  beforeAll(async () => {
    // Decisions written the way credit serve writes them: through the batching decision writer.
    const store = await openStore({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: join(root, 'artifacts', 'store'),
    });
    const writer = createDecisionWriter(store, { batchSize: 64 });
    const row = (i: number, at: number, amt: number) => ({
      createdAt: new Date(at),
      requestId: `req-${base}-${i}`,
      user: 'drift-test',
      clientId: i + 1,
      modelVersion: i % 3 === 0 ? 'm-1' : 'm-2',
      // Every 10th decision lacks FLAG (null = missing), as the log stores a missing feature.
      features: { AMT: amt, FLAG: i % 10 === 9 ? null : i % 2, NOT_IN_REFERENCE: 7 },
      probability: 0.2 + (i % 50) / 100,
      decision: 'grant' as const,
      latencyMs: 1.5,
    });
    for (let i = 0; i < inWindow; i++) await writer.write(row(i, base + i * 1000, i + 300));
    // Before the window: not shifted; must not be read.
    for (let i = 0; i < 50; i++) await writer.write(row(1000 + i, base - 3_600_000 + i, i));
    await writer.close();
    expect(writer.pending).toBe(0);
    await store.close();
  }, 60_000);

  it('reads the window, flags the shifted feature and reports the missing rate', async () => {
    const ref = await featureFile(root, 'ref.arrow', 0);
    const out = join(root, 'out');
    const window = ['--since', iso(base), '--until', iso(base + inWindow * 1000)];
    const r = await runCli([
      '--root',
      root,
      'drift',
      '--reference',
      ref,
      '--current',
      'log',
      ...window,
      '--out',
      out,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(2);
    const json = JSON.parse(readFileSync(join(out, 'drift.json'), 'utf8')) as {
      rows: { reference: number; current: number };
      features: { name: string; drifted: boolean; missingRateCurrent: number; psi: number }[];
      prediction: unknown;
    };
    expect(json.rows).toEqual({ reference: 400, current: inWindow });
    const byName = Object.fromEntries(json.features.map((f) => [f.name, f]));
    expect(Object.keys(byName)).toEqual(['AMT', 'FLAG']);
    expect(byName.AMT!.drifted).toBe(true);
    expect(byName.FLAG!.missingRateCurrent).toBeCloseTo(0.1, 12);
    // FLAG: reference 200 x 0 / 200 x 1; logged 200 x 0 / 160 x 1 (the 40 missing ones were all odd).
    const [c0, c1] = [200 / 360, 160 / 360];
    expect(byName.FLAG!.psi).toBeCloseTo(
      (c0 - 0.5) * Math.log(c0 / 0.5) + (c1 - 0.5) * Math.log(c1 / 0.5),
      12,
    );
    // No --model: no reference scores, so no prediction drift section.
    expect(json.prediction).toBeNull();
    for (const f of ['report.html', 'summary.png']) expect(existsSync(join(out, f))).toBe(true);
  }, 60_000);

  it('names an empty window and a reference feature the log lacks (exit 1)', async () => {
    const ref = await featureFile(root, 'ref-extra.arrow', 0, 'EXT_SOURCE_9');
    const args = ['--root', root, 'drift', '--current', 'log', '--out', join(root, 'o')];
    const empty = await runCli([
      ...args,
      '--reference',
      ref,
      '--since',
      iso(base + 10 * 86_400_000),
      '--until',
      iso(base + 11 * 86_400_000),
    ]);
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(
      /no decision in .* for the window .*widen --since\/--until \[E_DRIFT_LOG_EMPTY\]/,
    );
    const lacking = await runCli([
      ...args,
      '--reference',
      ref,
      '--since',
      iso(base),
      '--until',
      iso(base + inWindow * 1000),
    ]);
    expect(lacking.code).toBe(1);
    expect(lacking.err).toMatch(
      /decision log lacks 1 reference feature\(s\), e\.g\. EXT_SOURCE_9: pass --model/,
    );
  }, 60_000);

  it('is refused while the embedded store is held, as by a running credit serve (PostgreSQL: read as usual)', async () => {
    const ref = await featureFile(root, 'ref-held.arrow', 0);
    const window = ['--since', iso(base), '--until', iso(base + inWindow * 1000)];
    const args = ['--root', root, 'drift', '--reference', ref, '--current', 'log', ...window];
    // What a running `credit serve` holds (taken here, in this process, so the holder is alive).
    const held = acquireStoreLock(join(root, 'artifacts', 'store'), { command: 'credit serve' });
    let r;
    try {
      r = await runCli([...args, '--out', join(root, 'held')]);
    } finally {
      held.release();
    }
    if (process.env.DATABASE_URL) expect(r.code).toBe(2);
    else {
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/is in use by "credit serve" \(pid \d+, since .*\[E_STORE_IN_USE\]/);
      expect(existsSync(join(root, 'held', 'drift.json'))).toBe(false);
    }
  }, 60_000);

  it('rejects a window bound that is not a date', async () => {
    const r = await runCli([
      '--root',
      root,
      'drift',
      '--current',
      'log',
      '--reference',
      'x',
      '--since',
      'yesterday',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('credit drift --current log --model (prediction drift)', () => {
  const root = mkdtempSync(join(tmpdir(), 'credit-drift-model-'));
  const base = Date.UTC(2002, 0, 1) + Math.floor(Math.random() * 1e6) * 1000;
  let rows = 0;

  beforeAll(async () => {
    // A tiny trained bundle and its feature table; the log holds its decisions on the table's own rows,
    // so the served scores have the reference's distribution.
    const raw = join(root, 'raw');
    await synthesizeKaggleDir({ outDir: raw, clients: 150, testClients: 5, seed: 11 });
    const tables = await loadKaggleDir(raw, { tables: ['application_train', 'application_test'] });
    const { table, recipe } = buildFeatures(tables);
    await writeFeatureFile(join(root, 'features.arrow'), table);
    await writeRecipeFile(join(root, 'recipe.json'), recipe);
    const trained = await trainFromFeatureTable(table, {
      config: {
        folds: 2,
        importanceRows: 20,
        mlp: { hiddenLayers: [4], epochs: 1, patience: 1, batchSize: 64 },
        baseline: { epochs: 1 },
      },
    });
    await saveBundle(join(root, 'model'), trained.model, { recipePath: join(root, 'recipe.json') });
    const model = await loadBundle(join(root, 'model'));
    const names = model.manifest.featureNames;
    const index = new Map(table.names.map((n, i) => [n, i]));
    const store = await openStore({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: join(root, 'artifacts', 'store'),
    });
    const writer = createDecisionWriter(store);
    rows = table.ids.length;
    for (let r = 0; r < rows; r++) {
      const vector = Float64Array.from(names, (n) => table.columns[index.get(n)!]![r]!);
      const features = Object.fromEntries(
        names.map((n, i) => [n, Number.isFinite(vector[i]!) ? vector[i]! : null]),
      );
      const probability = model.predictProba(vector)[0]!;
      await writer.write({
        createdAt: new Date(base + r * 1000),
        requestId: `req-${base}-${r}`,
        user: 'drift-test',
        clientId: table.ids[r]!,
        modelVersion: 'v-test',
        features,
        probability,
        decision: model.decide(probability),
        latencyMs: 1,
      });
    }
    await writer.close();
    await store.close();
  }, 180_000);

  it('scores the reference with the model and compares it with the served probabilities', async () => {
    const out = join(root, 'out');
    const r = await runCli([
      '--root',
      root,
      'drift',
      '--reference',
      join(root, 'features.arrow'),
      '--model',
      join(root, 'model'),
      '--current',
      'log',
      '--since',
      new Date(base).toISOString(),
      '--until',
      new Date(base + rows * 1000).toISOString(),
      '--out',
      out,
      '--no-fail',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'drift.json'), 'utf8')) as {
      rows: { reference: number; current: number };
      prediction: { name: string; psi: number; ksStatistic: number; drifted: boolean } | null;
      features: unknown[];
    };
    expect(json.rows).toEqual({ reference: rows, current: rows });
    // Same rows, same model: the served probabilities are the reference scores (float32 model, so equal
    // up to rounding): no prediction drift.
    expect(json.prediction).not.toBeNull();
    expect(json.prediction!.name).toBe('prediction');
    // The server scores one client with a plain float64 forward pass, the reference is scored by tfjs
    // (float32): equal within 1e-6, which can still move a score lying on a bin edge to the next bin (one
    // row moved gives a PSI of about 1e-3 here) or swap two near-equal scores. Real drift is 0.1 and above.
    expect(json.prediction!.psi).toBeLessThan(0.01);
    expect(json.prediction!.ksStatistic).toBeLessThan(0.05);
    expect(json.prediction!.drifted).toBe(false);
  }, 120_000);
});
