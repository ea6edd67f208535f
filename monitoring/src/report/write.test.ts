import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeDrift } from '../drift/compute.js';
import { loadDriftConfig } from '../drift/config.js';
import { writeDriftReport } from './write.js';

describe('writeDriftReport', () => {
  it('writes drift.json, an offline report.html and a PNG summary', async () => {
    const ref = Float64Array.from({ length: 500 }, (_, i) => i);
    const report = computeDrift({
      reference: { names: ['a', 'b<script>'], columns: [ref, ref.map((v) => v % 3)] },
      current: { names: ['a', 'b<script>'], columns: [ref.map((v) => v + 200), ref.map((v) => v % 3)] },
      config: loadDriftConfig(),
    });
    const dir = mkdtempSync(join(tmpdir(), 'drift-'));
    await writeDriftReport(report, dir);
    expect(readdirSync(dir).sort()).toEqual(['drift.json', 'report.html', 'summary.png']);
    const json = JSON.parse(readFileSync(join(dir, 'drift.json'), 'utf8')) as typeof report;
    expect(json.features[0]).toMatchObject({ name: 'a', test: 'ks', drifted: true });
    expect(json.config.psiMajor).toBe(0.25);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/https?:\/\/cdn/);
    expect(html).toContain('vegaEmbed');
    expect(html).toContain('b&#60;script&#62;');
    const png = readFileSync(join(dir, 'summary.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(5000);
  });
});
