import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { dashboardStaticDir } from './index.js';

describe('dashboardStaticDir', () => {
  it('points at the dashboard/public folder the server hosts', () => {
    expect(basename(dashboardStaticDir)).toBe('public');
    expect(existsSync(dashboardStaticDir)).toBe(true);
  });
});
