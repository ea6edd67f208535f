/**
 * Look at a drift report as ops would: open report.html in headless Chromium (offline), scroll so the
 * lazy charts render, save a full-page screenshot.
 *   npx tsx bench/drift-screenshot.ts [REPORT_HTML] [OUT_PNG]
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../dashboard/test/launch-chromium.js';

const html = resolve(process.argv[2] ?? 'artifacts/drift/report.html');
const out = resolve(process.argv[3] ?? 'artifacts/screenshots/drift-report.png');
const profile = mkdtempSync(join(tmpdir(), 'drift-chromium-'));
const context = await launchChromium(profile, { width: 1280, height: 900 });
const page = await context.newPage();
const errors: string[] = [];
const requests: string[] = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('request', (r) => {
  if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
});
await page.goto(pathToFileURL(html).href);
await page.evaluate(async () => {
  for (let y = 0; y < document.body.scrollHeight; y += 600) {
    window.scrollTo(0, y);
    await new Promise((r) => setTimeout(r, 50));
  }
  window.scrollTo(0, 0);
});
await page.waitForTimeout(1500);
const charts = await page.locator('.chart svg').count();
mkdirSync(dirname(out), { recursive: true });
await page.screenshot({ path: out, fullPage: false });
await page.screenshot({ path: out.replace(/\.png$/, '-full.png'), fullPage: true });
await page.locator('.grid').scrollIntoViewIfNeeded();
await page.screenshot({ path: out.replace(/\.png$/, '-charts.png') });
await context.close();
process.stdout.write(
  `${JSON.stringify({ out, chartsRendered: charts, pageErrors: errors, networkRequests: requests })}\n`,
);
