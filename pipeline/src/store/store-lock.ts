/**
 * An exclusive lock on an embedded (PGlite) store directory, held by the one process that has it open.
 * PGlite is single-process: a second opener works on its own in-memory copy (its writes are lost or it
 * corrupts the files), so a second opener must be refused before it touches the data.
 *
 *   <dir>.lock  (beside the directory, so PGlite never sees a foreign file in its data folder)
 *     = {"pid","command","startedAt","host","token"}, created complete and atomically: written to a
 *       temporary file, then hard-linked to the lock path (link fails if the path exists)
 *   exists, holder alive (or on another host)  -> E_STORE_IN_USE naming the directory and the holder
 *   exists, holder's pid gone (or unreadable)  -> stale: removed under a short take-over lock, retried
 *   release()                                  -> removed if it is still ours (token)
 */
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PipelineError } from '../errors.js';

/** What a lock file holds: who has the store open, and since when. */
export interface StoreLockHolder {
  pid: number;
  /** What the holder runs, e.g. "credit serve". */
  command: string;
  /** ISO time the lock was taken. */
  startedAt: string;
  host: string;
  /** Unique per acquisition: release() removes only its own lock. */
  token: string;
}

export interface StoreLock {
  /** The lock file. */
  path: string;
  holder: StoreLockHolder;
  /** Removes the lock file if it is still this one (idempotent). */
  release(): void;
}

export interface AcquireStoreLockOptions {
  /** What this process runs, shown to a refused second opener. */
  command: string;
  /** Told once when a stale lock (its process gone) is taken over. */
  onStale?: (message: string) => void;
  /** Liveness of a pid on this host; tests replace it. */
  isAlive?: (pid: number) => boolean;
}

/** Attempts before giving up on a lock that keeps changing hands (races between several starters). */
const MAX_ATTEMPTS = 20;

export function storeLockPath(storeDir: string): string {
  return `${resolve(storeDir)}.lock`;
}

/** Takes the lock on `storeDir` or throws E_STORE_IN_USE naming the holder; never touches the store. */
export function acquireStoreLock(storeDir: string, options: AcquireStoreLockOptions): StoreLock {
  const path = storeLockPath(storeDir);
  const isAlive = options.isAlive ?? pidIsAlive;
  const holder: StoreLockHolder = {
    pid: process.pid,
    command: options.command,
    startedAt: new Date().toISOString(),
    host: hostname(),
    token: randomBytes(8).toString('hex'),
  };
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (createExclusive(path, JSON.stringify(holder))) return ownLock(path, holder);
    const current = readHolder(path);
    if (current === 'absent') continue; // released between our attempt and the read: try again
    if (current !== 'unreadable' && (current.host !== holder.host || isAlive(current.pid)))
      throw storeInUse(storeDir, current);
    takeOverStale(path, current, isAlive, options.onStale, storeDir);
  }
  throw new PipelineError(
    'E_STORE_LOCK',
    `could not take the lock ${path} after ${MAX_ATTEMPTS} attempts (other processes keep taking it); try again`,
  );
}

/**
 * Throws E_STORE_IN_USE when a live process holds `storeDir`, without taking the lock: a cheap early
 * check so a second server fails before loading its model (acquireStoreLock stays the real guard).
 */
export function checkStoreFree(storeDir: string, isAlive: (pid: number) => boolean = pidIsAlive): void {
  const current = readHolder(storeLockPath(storeDir));
  if (current === 'absent' || current === 'unreadable') return;
  if (current.host !== hostname() || isAlive(current.pid)) throw storeInUse(storeDir, current);
}

/** Creates `path` with `content` only if it does not exist; the file is never seen half-written. */
function createExclusive(path: string, content: string): boolean {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { flag: 'wx' });
  try {
    linkSync(temporary, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    unlinkSync(temporary);
  }
}

function readHolder(path: string): StoreLockHolder | 'absent' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw e;
  }
  try {
    const parsed = JSON.parse(text) as Partial<StoreLockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.token === 'string') return parsed as StoreLockHolder;
  } catch {
    // Not JSON: locks are written whole, so this is debris, not a lock being written.
  }
  return 'unreadable';
}

/**
 * Removes a stale lock. Two starters may both find the same stale lock: a short take-over lock lets one
 * remove it, and it removes it only if it is still the stale one it saw (not a fresh lock of the other).
 */
function takeOverStale(
  path: string,
  stale: StoreLockHolder | 'unreadable',
  isAlive: (pid: number) => boolean,
  onStale: ((message: string) => void) | undefined,
  storeDir: string,
): void {
  const takeover = `${path}.takeover`;
  if (
    !createExclusive(takeover, JSON.stringify({ pid: process.pid, token: randomBytes(8).toString('hex') }))
  ) {
    // Another starter is taking over; if it died doing so, clear its take-over lock for the next attempt.
    const other = readHolder(takeover);
    if (other === 'unreadable' || (other !== 'absent' && !isAlive(other.pid))) removeIfPresent(takeover);
    else sleep(5);
    return;
  }
  try {
    const now = readHolder(path);
    const same =
      stale === 'unreadable'
        ? now === 'unreadable'
        : now !== 'absent' && now !== 'unreadable' && now.token === stale.token;
    if (!same) return; // it changed hands meanwhile: the caller reads it again
    removeIfPresent(path);
    onStale?.(
      stale === 'unreadable'
        ? `taking over the unreadable lock of the decision store ${shownPath(storeDir)}`
        : `taking over the stale lock of the decision store ${shownPath(storeDir)}: ${describeHolder(stale)} is no longer running`,
    );
  } finally {
    removeIfPresent(takeover);
  }
}

function ownLock(path: string, holder: StoreLockHolder): StoreLock {
  let released = false;
  return {
    path,
    holder,
    release() {
      if (released) return;
      released = true;
      const current = readHolder(path);
      if (current !== 'absent' && current !== 'unreadable' && current.token === holder.token)
        removeIfPresent(path);
    },
  };
}

function storeInUse(storeDir: string, holder: StoreLockHolder): PipelineError {
  return new PipelineError(
    'E_STORE_IN_USE',
    `The decision store ${shownPath(storeDir)} is in use by ${describeHolder(holder)}. PGlite allows one process at a time: stop that process first, or use PostgreSQL (set DATABASE_URL) to run several. If that process is gone and its pid now belongs to another program, delete ${shownPath(storeLockPath(storeDir))}.`,
  );
}

/** `"credit serve" (pid 1234, since 17:02:11)`; the date too when not today, the host when not this one. */
function describeHolder(holder: StoreLockHolder): string {
  const since = new Date(holder.startedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(since.getHours())}:${pad(since.getMinutes())}:${pad(since.getSeconds())}`;
  const day = `${since.getFullYear()}-${pad(since.getMonth() + 1)}-${pad(since.getDate())}`;
  const today = new Date();
  const sameDay = since.toDateString() === today.toDateString();
  const when = Number.isNaN(since.getTime()) ? 'unknown time' : sameDay ? time : `${day} ${time}`;
  const where = holder.host && holder.host !== hostname() ? ` on ${holder.host}` : '';
  return `"${holder.command}" (pid ${holder.pid}${where}, since ${when})`;
}

/** Relative to the working directory when inside it (artifacts/store), absolute otherwise. */
function shownPath(dir: string): string {
  const rel = relative(process.cwd(), resolve(dir));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(dir);
}

/** Signal 0 checks existence; EPERM means it exists under another user. */
export function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
