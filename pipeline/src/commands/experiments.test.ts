import { LocalTracker, logTrainingRun, silentLogger } from '@credit/experiments';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli-for-tests.js';

const run = (args: string[]) => runCli(args, silentLogger);

describe('credit experiments / credit promote (local tracker)', () => {
  const root = mkdtempSync(join(tmpdir(), 'cli-experiments-'));
  const ids: string[] = [];
  const saved = process.env.MLFLOW_TRACKING_URI;
  beforeAll(async () => {
    delete process.env.MLFLOW_TRACKING_URI;
    const tracker = new LocalTracker({ root: join(root, 'artifacts', 'tracking'), logger: silentLogger });
    for (const [i, [auc, cost]] of [
      [0.75, 0.5],
      [0.77, 0.45],
    ].entries()) {
      const bundle = join(root, `bundle${i}`);
      mkdirSync(bundle, { recursive: true });
      writeFileSync(join(bundle, 'manifest.json'), '{}');
      const r = await logTrainingRun(tracker, {
        runName: `train-${i}`,
        params: { lr: i === 0 ? 0.01 : 0.001, epochs: 5 },
        epochMetrics: [{ name: 'loss', value: 0.5, step: 0 }],
        foldMetrics: [],
        finalMetrics: { val_auc: auc!, val_business_cost: cost! },
        tags: { validation_data_hash: 'h' },
        artifacts: [],
        bundleDir: bundle,
      });
      ids.push(r.runId);
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct start times: 'newest first' is exact
    }
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    if (saved !== undefined) process.env.MLFLOW_TRACKING_URI = saved;
  });

  it('lists runs newest first as a table and as JSON', async () => {
    const table = await run(['--root', root, 'experiments', 'list']);
    expect(table.code).toBe(0);
    const lines = table.out.trim().split('\n');
    expect(lines[0]).toMatch(/^run\s+name\s+status\s+started\s+val_auc\s+val_business_cost/);
    expect(lines[1]).toContain(ids[1]);
    expect(lines[1]).toContain('0.7700');
    const json = JSON.parse((await run(['--root', root, 'experiments', 'list', '--json'])).out);
    expect(json.map((r: { runId: string }) => r.runId)).toEqual([ids[1], ids[0]]);
  });

  it('shows one run and compares two, marking differences', async () => {
    const show = await run(['--root', root, 'experiments', 'show', ids[0]!]);
    expect(show.out).toContain('model/MLmodel');
    expect(show.out).toMatch(/val_auc\s+0\.7500/);
    const cmp = await run(['--root', root, 'experiments', 'compare', ids[0]!, ids[1]!]);
    expect(cmp.out).toMatch(/\*\s+params\s+lr\s+0\.01\s+0\.001/);
    expect(cmp.out).toMatch(/\n\s+params\s+epochs\s+5\s+5/);
  });

  it('promotes through the gate and explains why', async () => {
    const first = await run(['--root', root, 'promote', '--json']);
    expect(JSON.parse(first.out)).toMatchObject({ promoted: true, candidate: { version: '2' } });
    const again = await run(['--root', root, 'promote']);
    expect(again.out).toContain('already champion');
    expect(again.code).toBe(0);
  });

  it('exits 3 when the gate refuses a worse challenger', async () => {
    const tracker = new LocalTracker({ root: join(root, 'artifacts', 'tracking'), logger: silentLogger });
    const bundle = join(root, 'bundle-worse');
    mkdirSync(bundle, { recursive: true });
    writeFileSync(join(bundle, 'manifest.json'), '{}');
    await logTrainingRun(tracker, {
      runName: 'train-worse',
      params: { lr: 0.1, epochs: 5 },
      epochMetrics: [],
      foldMetrics: [],
      finalMetrics: { val_auc: 0.7, val_business_cost: 0.6 },
      tags: { validation_data_hash: 'h' },
      artifacts: [],
      bundleDir: bundle,
    });
    const refused = await run(['--root', root, 'promote', '--json']);
    expect(JSON.parse(refused.out)).toMatchObject({ promoted: false, champion: { version: '2' } });
    expect(refused.code).toBe(3);
  });

  it('fails with one line and a code on bad input', async () => {
    const bad = await run(['--root', root, 'experiments', 'show', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/error: "nope" is not a run id.*\[E_RUN_ID\]/);
    const url = await run(['--root', root, 'experiments', 'sync', '--to', 'localhost:5000']);
    expect(url.code).toBe(1);
    expect(url.err).toContain('[E_BAD_OPTION]');
    const force = await run(['--root', root, 'promote', '--force']);
    expect(force.err).toContain('[E_FORCE_WITHOUT_REASON]');
  });
});
