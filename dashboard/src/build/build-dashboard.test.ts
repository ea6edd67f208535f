import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDashboard, isDashboardBuilt } from './build-dashboard.js';

describe('buildDashboard', () => {
  it('bundles the app into the given folder, with Vega in a chunk loaded on demand', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dashboard-build-'));
    const outDir = join(root, 'build');
    try {
      expect(isDashboardBuilt(outDir)).toBe(false);
      await buildDashboard({ outDir });
      expect(isDashboardBuilt(outDir)).toBe(true);
      const app = readFileSync(join(outDir, 'app.js'), 'utf8');
      expect(app.length).toBeLessThan(200_000); // first page stays small; Vega is split out
      expect(readdirSync(outDir).some((f) => f.startsWith('embed-'))).toBe(true);
      expect(readdirSync(root)).toEqual(['build']); // the temporary folder was renamed away
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
