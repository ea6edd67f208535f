import { silentLogger } from '@credit/data';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli-for-tests.js';

const run = (args: string[]) => runCli(args, silentLogger);

describe('credit data synth', () => {
  const root = mkdtempSync(join(tmpdir(), 'cli-synth-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes the 8 files and prints rows per file', async () => {
    const out = join(root, 'a');
    const r = await run([
      'data',
      'synth',
      '--clients',
      '120',
      '--test-clients',
      '30',
      '--seed',
      '5',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toHaveLength(8);
    const trainLines = readFileSync(join(out, 'application_train.csv'), 'utf8').trim().split('\n');
    expect(trainLines).toHaveLength(121);
    expect(r.out).toMatch(/application_train\.csv\s+120\s/);
    expect(r.out).toMatch(/application_test\.csv\s+30\s/);
    expect(r.out).toContain(`written to ${out}`);
  });

  it('writes gzip files with --gzip', async () => {
    const out = join(root, 'b');
    const r = await run(['data', 'synth', '--clients', '20', '--test-clients', '5', '--out', out, '--gzip']);
    expect(r.code).toBe(0);
    expect(readdirSync(out).every((f) => f.endsWith('.csv.gz'))).toBe(true);
  });

  it('rejects a bad count with one clear line and exit code 1', async () => {
    const r = await run(['data', 'synth', '--clients', 'many', '--out', join(root, 'c')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--clients must be a whole number >= 0, got "many" [E_BAD_OPTION]');
  });
});
