import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalTracker } from './local-tracker.js';
import { silentLogger } from './logger.js';
import { trackerContract } from './tracker.contract.js';

describe('LocalTracker (Tracker contract)', () => {
  const root = mkdtempSync(join(tmpdir(), 'local-tracker-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  trackerContract(() => new LocalTracker({ root, logger: silentLogger }));
});
