import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as run } from '../cli/run-cli-for-tests.js';

describe('credit keys / users', () => {
  it('creates a key stored only as a hash, lists it, revokes it; rejects a bad role and unknown ids', async () => {
    delete process.env.DATABASE_URL;
    const root = mkdtempSync(join(tmpdir(), 'keys-'));
    const created = await run(['--root', root, 'keys', 'create', '--name', 'batch', '--role', 'ops']);
    expect(created.code).toBe(0);
    const id = /id (\w+)/.exec(created.out)?.[1] ?? '';
    const key = /key (\S+)/.exec(created.out)?.[1] ?? '';
    expect(key.length).toBeGreaterThan(30);
    const { openStore } = await import('@credit/data');
    const { hashToken } = await import('@credit/serving');
    const store = await openStore({ dataDir: join(root, 'artifacts', 'store') });
    expect(await store.findApiKeyByHash(hashToken(key))).toMatchObject({ id, role: 'ops' });
    expect(await store.findApiKeyByHash(key)).toBeUndefined();
    await store.close();
    expect((await run(['--root', root, 'keys', 'revoke', id])).out).toContain(`revoked ${id}`);
    expect((await run(['--root', root, 'keys', 'list'])).out).toMatch(new RegExp(`${id} ops +revoked batch`));
    expect((await run(['--root', root, 'keys', 'revoke', 'nope'])).code).toBe(1);
    expect((await run(['--root', root, 'keys', 'create', '--name', 'x', '--role', 'root'])).code).toBe(1);
    expect((await run(['--root', root, 'users', 'disable', 'ghost'])).code).toBe(1);
  }, 60_000);
});
