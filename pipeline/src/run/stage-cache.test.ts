import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashInputs, runStage, stableStringify } from './stage-cache.js';

describe('stage cache', () => {
  it('hashes equal inputs equally whatever the key order', () => {
    expect(stableStringify({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(hashInputs({ a: 1, b: 2 })).toBe(hashInputs({ b: 2, a: 1 }));
    expect(hashInputs({ a: 1 })).not.toBe(hashInputs({ a: 2 }));
  });

  it('builds once, then reuses the output until the inputs change or force is given', async () => {
    const parentDir = mkdtempSync(join(tmpdir(), 'stage-'));
    let builds = 0;
    const produce = async (dir: string) => {
      builds += 1;
      writeFileSync(join(dir, 'out.txt'), 'x');
      return { rows: 3 };
    };
    const first = await runStage({ stage: 'features', parentDir, inputs: { data: 'h1' }, produce });
    expect(first.reused).toBe(false);
    expect(existsSync(join(first.dir, 'out.txt'))).toBe(true);
    const second = await runStage({ stage: 'features', parentDir, inputs: { data: 'h1' }, produce });
    expect(second).toMatchObject({ reused: true, dir: first.dir, record: { result: { rows: 3 } } });
    await runStage({ stage: 'features', parentDir, inputs: { data: 'h2' }, produce });
    await runStage({ stage: 'features', parentDir, inputs: { data: 'h1' }, produce, force: true });
    expect(builds).toBe(3);
  });

  it('leaves no folder behind when the stage fails', async () => {
    const parentDir = mkdtempSync(join(tmpdir(), 'stage-'));
    await expect(
      runStage({
        stage: 'train',
        parentDir,
        inputs: {},
        produce: async () => {
          throw new Error('out of memory');
        },
      }),
    ).rejects.toThrow('out of memory');
    expect(readdirSync(parentDir)).toEqual([]);
  });
});
