import { writeFeatureFile } from '@credit/data';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

async function featureFile(dir: string, name: string, shift: number): Promise<string> {
  const n = 400;
  const path = join(dir, name);
  await writeFeatureFile(path, {
    ids: Float64Array.from({ length: n }, (_, i) => i + 1),
    target: new Float64Array(n).fill(NaN),
    names: ['AMT', 'FLAG'],
    columns: [
      Float64Array.from({ length: n }, (_, i) => i + shift),
      Float64Array.from({ length: n }, (_, i) => i % 2),
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
