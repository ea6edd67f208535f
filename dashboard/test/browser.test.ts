// End-to-end advisor flow in a real Chromium against the real API server (`credit serve`, a model
// trained on a synthetic set, PGlite store in a temp folder; see real-api.ts).
// Every page is checked with axe-core and saved as artifacts/screenshots/dashboard/<page>.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildDashboard } from '../src/index.js';
import {
  axeViolations,
  browserAvailable,
  launchChromium,
  screenshot,
  screenshotDir,
} from './browser-helpers.js';
import { startRealApi, SYNTHETIC, type RealApi } from './real-api.js';

const allClients = SYNTHETIC.clients + SYNTHETIC.testClients;

const run = browserAvailable() ? describe : describe.skip;

run('advisor dashboard in Chromium', () => {
  let server: RealApi;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildDashboard(); // always fresh: a stale bundle would test old code
    server = await startRealApi((line) => console.log(line));
    profile = mkdtempSync(join(tmpdir(), 'credit-chromium-'));
    browser = await launchChromium(profile);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(8_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 600_000); // a clean checkout trains the model first (cached afterwards)

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  }, 30_000);

  afterEach(() => expect(pageErrors).toEqual([]));

  it('shows the sign-in page fast, refuses a wrong password, then signs in with the keyboard', async () => {
    await page.goto(server.url);
    await page.getByLabel('Identifiant').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'login');

    // Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await page.getByLabel('Identifiant').fill(server.username);
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Connexion refusée : identifiant ou mot de passe incorrect' })
      .waitFor();

    await page.getByLabel('Mot de passe').fill(server.password);
    await page.getByLabel('Mot de passe').press('Enter');
    await page.getByRole('heading', { name: 'Trouver un client', level: 1 }).waitFor();
  });

  it('finds refused cash-loan clients with filters, sorted by risk', async () => {
    await page.getByLabel('Type de contrat').selectOption({ label: 'Prêt personnel' });
    await page.getByLabel('Décision').selectOption('refuse');
    await page.getByLabel('Âge à partir de (ans)').fill('25');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.locator('#results-status').filter({ hasText: 'clients trouvés' }).waitFor();
    const status = await page.locator('#results-status').innerText();
    const total = Number(status.replace(/\s/g, '').match(/^(\d+)/)?.[1]);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(allClients);
    const decisions = await page.locator('table.results tbody tr td:nth-child(7)').allInnerTexts();
    expect(decisions.every((d) => d.includes('Refusé'))).toBe(true);
    const contracts = await page.locator('table.results tbody tr td:nth-child(5)').allInnerTexts();
    expect(new Set(contracts)).toEqual(new Set(['Prêt personnel']));

    await page.getByRole('button', { name: /Risque de défaut/ }).click();
    await page.getByRole('button', { name: /Risque de défaut/ }).click();
    await page.locator('table.results[aria-busy="false"] th[aria-sort="descending"]').waitFor();
    const risks = (await page.locator('table.results tbody tr td:nth-child(6)').allInnerTexts()).map((s) =>
      Number(s.replace(/[^\d,]/g, '').replace(',', '.')),
    );
    expect(risks.length).toBeGreaterThan(1);
    expect([...risks].sort((a, b) => b - a)).toEqual(risks);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'search');
  });

  it('opens a client and shows the gauge, the decision in words and the reasons', async () => {
    const link = page.locator('table.results tbody tr td a').nth(1);
    const id = await link.innerText();
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(`Client ${id}`) }).waitFor();
    await page.locator('svg[role="img"]').waitFor();
    expect(await page.evaluate(() => performance.getEntriesByName('client-view').length)).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('client-title');
    const gaugeLabel = await page.locator('.gauge svg').getAttribute('aria-label');
    expect(gaugeLabel).toMatch(/Risque de défaut : .*Seuil : .*Décision : Refusé/);
    await page.getByText(/dépasse le seuil de la banque/).waitFor();
    await page.getByText(/Ce client est plus risqué que \d+\s% de l’ensemble des clients/).waitFor();
    // The full explanation (reference risk, strongest fields on both sides) replaces the score's top 5.
    await page.getByText(/Pour un client de référence .* le risque estimé est de [\d,]+\s%/).waitFor();
    expect(await page.locator('.reasons .diverging .bar.raises').count()).toBeGreaterThan(0);
    expect(await page.locator('.reasons .diverging .bar.lowers').count()).toBeGreaterThan(0);
    expect(await page.locator('.sentences li').first().innerText()).toMatch(/(augmente|diminue) le risque/);
    // Where the risk comes from: every field summed by source; the signed points add up to the movement
    // from the reference client's risk to this client's (each figure rounded to 0.1 point).
    const intro = await page.locator('.sources p').first().innerText();
    const [, from, to] = /de ([\d,]+)\s%.* à ([\d,]+)\s%/.exec(intro) ?? [];
    const percent = (s: string | undefined) => Number(s!.replace(',', '.'));
    const bars = await page.locator('.sources .bar').allInnerTexts();
    expect(bars.length).toBeGreaterThan(1);
    const signed = bars.map(
      (b) => (b.startsWith('▼') ? -1 : 1) * Number(/[\d,]+/.exec(b)![0].replace(',', '.')),
    );
    expect(Math.abs(signed.reduce((a, b) => a + b, 0) - (percent(to) - percent(from)))).toBeLessThan(
      0.05 * bars.length + 0.1,
    );
    expect(await page.locator('.sources .row .name').first().innerText()).toMatch(/\(\d+ champs?\)/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'decision');
  });

  it('shows the client data grouped, with ages in years', async () => {
    await page.getByRole('link', { name: 'Données du client' }).click();
    await page.getByRole('table', { name: 'Identité' }).waitFor();
    const age = await page.getByRole('row', { name: /^Âge \d/ }).innerText();
    expect(age).toMatch(/^Âge\s+\d+ ans$/);
    expect(age).not.toMatch(/-/);
    expect(await page.getByRole('row', { name: /^Montant du crédit/ }).innerText()).toMatch(/€/);
    // Tooltips and the folded building statistics in French too (the API sends them in English).
    expect(await page.locator('th[scope=row]', { hasText: /^Âge$/ }).getAttribute('title')).toBe(
      'Âge du client au moment de la demande.',
    );
    const building = await page.locator('details th[scope=row]').allTextContents();
    expect(building).toContain('Immeuble : surface habitable (médiane, normalisée)');
    expect(building.filter((label) => /Building|normalised/.test(label))).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'data');
  });

  it('compares the client with all and with similar clients, with a scatter', async () => {
    await page.getByRole('link', { name: 'Comparer' }).click();
    await page.locator('.charts figure .chart svg').first().waitFor();
    await page.locator('#scatter-title ~ figure .chart svg').waitFor();
    const size = async () => Number((await page.locator('#population-size').innerText()).replace(/\D/g, ''));
    const allSize = await size();
    expect(allSize).toBe(allClients);
    await page.getByLabel('les clients similaires').check();
    // The population word changes at once; the counts change when the API has answered.
    await page.waitForFunction(
      (before) => document.getElementById('population-size')?.textContent?.replace(/\D/g, '') !== before,
      String(allSize),
    );
    expect(await size()).toBeLessThan(allSize);
    expect(await page.locator('.charts figcaption').first().innerText()).toMatch(
      /plus élevé que pour \d+\s% des clients similaires/,
    );
    await page.locator('.charts figure .chart svg').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'compare');

    // The same segment: the rules the compared clients share, in words.
    const similarSize = await size();
    await page.getByLabel('les clients du même segment').check();
    await page.locator('#segment-rules').waitFor();
    expect(await page.locator('#segment-rules').innerText()).toMatch(
      /^Segment : contrat « Prêt personnel|Crédit renouvelable/,
    );
    expect(await page.locator('#segment-rules').innerText()).toMatch(/âge \d+ à \d+ ans/);
    expect(await size()).toBeLessThan(allSize);
    expect(await size()).not.toBe(similarSize);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'compare-segment');
  });

  it('runs a what-if that changes the score, and finds a counter-offer', async () => {
    await page.getByRole('link', { name: 'Simulation' }).click();
    // Inside the what-if form: until the panel has replaced the comparison, the label also names the
    // comparison's checkbox and chart marks.
    const credit = page
      .locator('section[aria-labelledby="whatif-title"] form')
      .getByLabel('Montant du crédit');
    const before = Number(await credit.inputValue());
    await credit.fill(String(Math.round(before / 4)));
    await page.getByRole('button', { name: 'Simuler' }).click();
    const result = await page.locator('#whatif-result').innerText();
    const [, newP, oldP] = result.match(/Nouveau risque : ([\d,]+).*avant : ([\d,]+)/) ?? [];
    // The page shows the API's answer for that change, and the change reached the model (whether a
    // smaller loan lowers the risk is the model's business, not the page's).
    const clientId = Number(/clients\/(\d+)/.exec(page.url())?.[1]);
    const asked = await page.evaluate(
      async ({ id, amount }) => {
        const { csrfToken } = (await (await fetch('/v1/auth/me')).json()) as { csrfToken: string };
        const post = async (changes: Record<string, number>) =>
          (
            (await (
              await fetch('/v1/what-if', {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
                body: JSON.stringify({ clientId: id, changes }),
              })
            ).json()) as { probability: number }
          ).probability;
        return { changed: await post({ AMT_CREDIT: amount }), unchanged: await post({}) };
      },
      { id: clientId, amount: Math.round(before / 4) },
    );
    expect(asked.changed).not.toBe(asked.unchanged);
    const shown = (p: string | undefined) => Number(p?.replace(',', '.')); // one decimal, rounded
    expect(Math.abs(shown(newP) - asked.changed * 100)).toBeLessThanOrEqual(0.0501);
    expect(Math.abs(shown(oldP) - asked.unchanged * 100)).toBeLessThanOrEqual(0.0501);

    // Counter-offer. On this client (among the riskiest) the model may refuse whatever the amount; the
    // page must then say so. Then on a refused client for which the API grants a loan of a tenth of the
    // amount asked (found through the what-if API), the page must find and word the counter-offer.
    await page.getByRole('button', { name: 'Chercher une contre-proposition' }).click();
    await page
      .locator('#counter-result')
      .filter({ hasText: /serait accordé|Aucun montant/ })
      .waitFor();
    const borderline = await page.evaluate(async () => {
      const { csrfToken } = (await (await fetch('/v1/auth/me')).json()) as { csrfToken: string };
      const list = await fetch('/v1/clients?decision=refuse&sort=probability&order=asc&pageSize=20');
      for (const c of ((await list.json()) as { items: { id: number; credit: number; annuity: number }[] })
        .items) {
        const r = await fetch('/v1/what-if', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
          body: JSON.stringify({
            clientId: c.id,
            changes: { AMT_CREDIT: c.credit / 10, AMT_ANNUITY: c.annuity / 10 },
          }),
        });
        if (((await r.json()) as { decision: string }).decision === 'grant') return c.id;
      }
      return null;
    });
    expect(borderline).not.toBeNull(); // else no refused client here depends on the amount asked
    await page.goto(`${server.url}/#/clients/${borderline}/whatif`);
    await page.getByRole('heading', { name: new RegExp(`Client ${borderline}`) }).waitFor();
    await page.getByRole('button', { name: 'Chercher une contre-proposition' }).click();
    await page
      .locator('#counter-result')
      .filter({ hasText: /serait accordé|Aucun montant/ })
      .waitFor();
    expect(await page.locator('#counter-result').innerText()).toMatch(
      /Un prêt de .* au lieu de .* serait accordé/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'whatif');
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'What-if' }).waitFor();
    // The page's lang attribute follows in an effect, just after the texts are drawn.
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.getByRole('link', { name: 'Decision', exact: true }).click();
    await page.getByText(/above the bank’s threshold/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'decision-en');
  });

  it('records an override with a justification and shows it in the history', async () => {
    await page.getByRole('link', { name: 'Override and history' }).click();
    await page.getByLabel('Granted').check();
    await page.getByLabel(/Written justification/).fill('too short');
    await page.getByRole('button', { name: 'Record the override' }).click();
    await page.getByRole('alert').filter({ hasText: 'at least 10 characters' }).waitFor();
    const text = 'Stable job for 10 years, guarantor provided by the family.';
    await page.getByLabel(/Written justification/).fill(text);
    await page.getByRole('button', { name: 'Record the override' }).click();
    await page.getByText('Override recorded.').waitFor();
    await page.getByRole('cell', { name: text }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'history');
  });

  it('prints a client summary without the app chrome', async () => {
    await page.getByRole('link', { name: 'Print summary' }).click();
    await page.getByRole('heading', { name: 'Client summary' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('nav.tabs').isVisible()).toBe(false);
    await page.getByRole('heading', { name: 'Client data' }).waitFor();
    await page.getByRole('heading', { name: 'Where the risk comes from' }).waitFor();
    expect(await page.locator('.sources .bar').count()).toBeGreaterThan(1);
    await screenshot(page, 'print');
    await page.pdf({
      path: join(screenshotDir, 'summary.pdf'),
      format: 'A4',
    });
    await page.emulateMedia({ media: 'screen' });
  });

  it('opens a client by its SK_ID_CURR', async () => {
    await page.getByRole('link', { name: 'Find a client' }).click();
    // A client the API lists (synthetic ids are not hard-coded here).
    const id = await page.evaluate(async () => {
      const r = await fetch('/v1/clients?sort=id&order=desc&pageSize=1');
      return ((await r.json()) as { items: { id: number }[] }).items[0]!.id;
    });
    await page.getByLabel('Client number (SK_ID_CURR)').fill(String(id));
    await page.getByLabel('Client number (SK_ID_CURR)').press('Enter');
    await page.getByRole('heading', { name: new RegExp(`Client ${id}`) }).waitFor();
    await page.locator('.gauge svg').waitFor();
    await page.getByLabel('Client number (SK_ID_CURR)').waitFor({ state: 'detached' });
    await page.goto(`${server.url}/#/clients/1/decision`);
    await page.getByRole('alert').filter({ hasText: 'Client 1 was not found.' }).waitFor();
  });

  it('explains which fields matter most for the model, then signs out', async () => {
    await page.getByRole('link', { name: 'How the model decides' }).click();
    await page.getByRole('heading', { name: 'How the model decides' }).waitFor();
    expect(await page.locator('.importance li').count()).toBeGreaterThan(3);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'model');
    await page.getByRole('button', { name: /Log out/ }).click();
    await page.getByLabel('Username').waitFor();
  });
});
