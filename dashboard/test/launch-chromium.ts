// Launching Debian's Chromium (no DOM types here: the screenshot benches of other workspaces import it).
import type { BrowserContext } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless and offline-quiet, on a fresh profile folder (playwright passes it as
 * --user-data-dir). The project's one way to open a browser: the dashboard tests and the screenshot
 * benches (drift report, MLflow UI) use it.
 */
export async function launchChromium(
  profileDir: string,
  viewport: { width: number; height: number } = { width: 1200, height: 900 },
): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
  });
}
