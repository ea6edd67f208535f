import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalTracker } from './local-tracker.js';
import { silentLogger } from './logger.js';
import { gateRefusal, promote } from './promote.js';
import { writeBundle } from './tracker.contract.js';
import { logTrainingRun } from './training-run.js';

describe('promotion gate', () => {
  const root = mkdtempSync(join(tmpdir(), 'promote-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const tracker = new LocalTracker({ root, logger: silentLogger });
  let n = 0;
  const train = async (auc: number, cost: number): Promise<string> => {
    n += 1;
    const r = await logTrainingRun(tracker, {
      params: { n },
      epochMetrics: [],
      foldMetrics: [],
      finalMetrics: { val_auc: auc, val_business_cost: cost },
      tags: { validation_data_hash: 'same' },
      artifacts: [],
      bundleDir: await writeBundle(join(root, `b${n}`), String(n)),
    });
    return r.modelVersion;
  };

  it('compares AUC (higher) and business cost (lower) on the same validation data', () => {
    const champ = { version: '1', auc: 0.75, cost: 0.5, dataHash: 'h' };
    expect(gateRefusal({ version: '2', auc: 0.76, cost: 0.49, dataHash: 'h' }, champ)).toBeUndefined();
    expect(gateRefusal({ version: '2', auc: 0.76, cost: 0.5, dataHash: 'h' }, champ)).toMatch(
      /business cost/,
    );
    expect(gateRefusal({ version: '2', auc: 0.75, cost: 0.4, dataHash: 'h' }, champ)).toMatch(/AUC/);
    expect(gateRefusal({ version: '2', auc: 0.8, cost: 0.4 }, champ)).toMatch(/validation data differ/);
  });

  it('--force needs a reason and records it on the model version and the run', async () => {
    await train(0.75, 0.5);
    expect((await promote({ tracker })).promoted).toBe(true);
    const worse = await train(0.7, 0.6);
    await expect(promote({ tracker, force: true })).rejects.toMatchObject({ code: 'E_FORCE_WITHOUT_REASON' });
    expect((await promote({ tracker })).promoted).toBe(false);
    const forced = await promote({ tracker, force: true, reason: 'rollback test' });
    expect(forced).toMatchObject({ promoted: true, forced: true });
    const v = await tracker.getModelVersion('credit-scoring', worse);
    expect(v.aliases).toEqual(['challenger', 'champion']);
    expect(v.tags['promotion.reason']).toBe('rollback test');
    expect(v.tags['promotion.forced']).toBe('true');
    expect((await tracker.getRun(v.runId!)).tags['promotion.forced_reason']).toBe('rollback test');
    expect((await promote({ tracker })).explanation).toMatch(/already champion/);
  });
});
