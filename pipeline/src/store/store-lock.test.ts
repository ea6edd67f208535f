import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireStoreLock, storeLockPath, type StoreLockHolder } from './store-lock.js';

let dir: string;
let storeDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-lock-'));
  storeDir = join(dir, 'artifacts', 'store');
  mkdirSync(join(dir, 'artifacts')); // where the lock file goes, beside the store
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has exited: a lock naming it is stale. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

function writeLock(holder: Partial<StoreLockHolder>): void {
  writeFileSync(storeLockPath(storeDir), JSON.stringify(holder));
}

/** A lock left by a "credit serve" whose process has exited (on `host`); returns its pid. */
function writeLockOfGoneServer(host = hostname()): number {
  const pid = deadPid();
  writeLock({ pid, command: 'credit serve', startedAt: new Date().toISOString(), host, token: 'old' });
  return pid;
}

describe('acquireStoreLock', () => {
  it('writes who holds the store beside it, refuses a second opener naming the holder, and releases', () => {
    const lock = acquireStoreLock(storeDir, { command: 'credit serve' });
    expect(lock.path).toBe(`${storeDir}.lock`);
    const written = JSON.parse(readFileSync(lock.path, 'utf8')) as StoreLockHolder;
    expect(written).toMatchObject({ pid: process.pid, command: 'credit serve' });
    expect(Math.abs(Date.parse(written.startedAt) - Date.now())).toBeLessThan(60_000);

    let refused: unknown;
    try {
      acquireStoreLock(storeDir, { command: 'credit keys create' });
    } catch (e) {
      refused = e;
    }
    expect(refused).toMatchObject({ code: 'E_STORE_IN_USE' });
    const message = (refused as Error).message;
    expect(message).toContain(
      `The decision store ${storeDir} is in use by "credit serve" (pid ${process.pid}, since `,
    );
    expect(message).toMatch(
      /since \d\d:\d\d:\d\d\)\. PGlite allows one process at a time: stop that process first, or use PostgreSQL \(set DATABASE_URL\)/,
    );
    // A reused pid would keep the store "in use": the message names the file to delete.
    expect(message).toContain(`delete ${storeLockPath(storeDir)}.`);
    // The refusal left the holder's lock alone.
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toEqual(written);

    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    lock.release(); // idempotent
    const again = acquireStoreLock(storeDir, { command: 'credit keys create' });
    expect(JSON.parse(readFileSync(again.path, 'utf8'))).toMatchObject({ command: 'credit keys create' });
    again.release();
  });

  it('takes over a lock whose process is gone, and says so once', () => {
    const pid = writeLockOfGoneServer();
    const said: string[] = [];
    const lock = acquireStoreLock(storeDir, { command: 'credit serve', onStale: (m) => said.push(m) });
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(`"credit serve" (pid ${pid}, since `);
    expect(said[0]).toContain('is no longer running');
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over an unreadable lock (debris, since locks are written whole)', () => {
    writeFileSync(storeLockPath(storeDir), '{"pid": 12');
    const said: string[] = [];
    const lock = acquireStoreLock(storeDir, { command: 'credit serve', onStale: (m) => said.push(m) });
    expect(said).toEqual([`taking over the unreadable lock of the decision store ${storeDir}`]);
    lock.release();
  });

  it('treats a lock from another host as held (its pid cannot be checked from here)', () => {
    writeLockOfGoneServer('elsewhere');
    expect(() => acquireStoreLock(storeDir, { command: 'credit keys list' })).toThrow(/pid \d+ on elsewhere/);
  });

  it('release leaves a lock that is no longer its own', () => {
    const lock = acquireStoreLock(storeDir, { command: 'credit serve' });
    const theirs = { ...lock.holder, token: 'someone-else' };
    writeLock(theirs);
    lock.release();
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toEqual(theirs);
  });

  it('never removes the lock another starter took after this one found the old lock stale', () => {
    const pid = writeLockOfGoneServer();
    let other: ReturnType<typeof acquireStoreLock> | undefined;
    // Between this starter's liveness check and its take-over, another starter takes the lock over.
    const isAlive = (p: number) => {
      if (p === pid && !other) other = acquireStoreLock(storeDir, { command: 'credit users add' });
      return p !== pid;
    };
    expect(() => acquireStoreLock(storeDir, { command: 'credit serve', isAlive })).toThrow(
      /in use by "credit users add" \(pid \d+, since/,
    );
    expect(JSON.parse(readFileSync(storeLockPath(storeDir), 'utf8'))).toEqual(other!.holder);
    other!.release();
  });

  // Real processes racing: each tries at the same instant and holds what it got for a moment.
  const racers = async (n: number): Promise<string[]> => {
    const module = fileURLToPath(new URL('./store-lock.ts', import.meta.url));
    const startAt = Date.now() + 2_500; // after every child has loaded
    const script = `
      const { acquireStoreLock } = await import(${JSON.stringify(module)});
      await new Promise((r) => setTimeout(r, ${startAt} - 20 - Date.now()));
      while (Date.now() < ${startAt}); // spin: the racers leave within a millisecond of each other
      try {
        const lock = acquireStoreLock(${JSON.stringify(storeDir)}, { command: 'racer', onStale: () => {} });
        process.stdout.write('won');
        await new Promise((r) => setTimeout(r, 1500));
        lock.release();
      } catch (e) {
        process.stdout.write(e.code ?? String(e));
      }`;
    return Promise.all(
      Array.from(
        { length: n },
        () =>
          new Promise<string>((ok, ko) => {
            const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
              stdio: ['ignore', 'pipe', 'pipe'],
            });
            let out = '';
            let err = '';
            child.stdout.on('data', (b: Buffer) => (out += b.toString()));
            child.stderr.on('data', (b: Buffer) => (err += b.toString()));
            child.on('exit', (code) =>
              code === 0 ? ok(out) : ko(new Error(`racer exited ${code}: ${err}`)),
            );
          }),
      ),
    );
  };

  it('lets exactly one of several processes starting at once take a free lock', async () => {
    const results = await racers(4);
    expect(results.filter((r) => r === 'won')).toHaveLength(1);
    expect(results.filter((r) => r === 'E_STORE_IN_USE')).toHaveLength(3);
    expect(existsSync(storeLockPath(storeDir))).toBe(false);
  }, 30_000);

  it('lets exactly one of several processes starting at once take over a stale lock', async () => {
    writeLockOfGoneServer();
    const results = await racers(4);
    expect(results.filter((r) => r === 'won')).toHaveLength(1);
    expect(results.filter((r) => r === 'E_STORE_IN_USE')).toHaveLength(3);
    expect(existsSync(storeLockPath(storeDir))).toBe(false);
  }, 30_000);
});
