import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Consents } from '../src/consent/consents.ts';
import { skipLoudly } from './support/engines.ts';
import { startConsentHub, type ConsentHub } from './support/consent-hub.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked field by field */
type Json = any;

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) skipLoudly('Browser (Chromium)', `install Debian's chromium so that ${CHROMIUM} exists`);

let h: ConsentHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The service provider's site: its callback page, and a page that tries to forge a consent. */
let site: Server;
let siteUrl: string;

beforeAll(async () => {
  if (!hasChromium) return;
  site = createServer((request, response) => {
    const url = new URL(request.url!, 'http://localhost');
    if (url.pathname === '/forge') {
      const target = url.searchParams.get('target')!;
      response.writeHead(200, { 'content-type': 'text/html' }).end(
        `<form id="f" method="post" action="${target}"><input name="decision" value="accept"><input name="usage_point_id" value="${url.searchParams.get('point')}"></form><script>document.getElementById('f').submit()</script>`,
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Back at the application</h1>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  h = await startConsentHub({ redirectUri: `${siteUrl}/callback` });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  context = await browser.newContext({ locale: 'fr-FR' });
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
});

/** The basics a screen reader needs on every page: a language, a title, one main heading, a name for every control. */
async function expectAccessible(): Promise<void> {
  const problems = await page.evaluate(() => {
    // Runs in the page; the suite is compiled without the DOM library, so the little it reads is typed here.
    type Control = { labels?: { length: number } | null; getAttribute(name: string): string | null; textContent: string | null; outerHTML: string };
    type Page = { documentElement: { lang: string }; title: string; querySelectorAll(selector: string): ArrayLike<Control> };
    const doc = (globalThis as unknown as { document: Page }).document;
    const found: string[] = [];
    if (doc.documentElement.lang !== 'fr') found.push('html lang');
    if (!doc.title.trim()) found.push('title');
    if (doc.querySelectorAll('h1').length !== 1) found.push('one h1');
    for (const control of Array.from(doc.querySelectorAll('input:not([type=hidden]), button, select, textarea'))) {
      const named = (control.labels && control.labels.length > 0) || control.getAttribute('aria-label') || control.textContent?.trim();
      if (!named) found.push(`unnamed ${control.outerHTML.slice(0, 60)}`);
    }
    return found;
  });
  expect(problems).toEqual([]);
}

const authorizeUrl = (client: string, state: string) => `${h.base}/dataconnect/v1/oauth2/authorize?client_id=${client}&response_type=code&state=${state}&duration=P6M`;

async function legacyToken(code: string): Promise<Json> {
  const response = await fetch(`${h.base}/v1/oauth2/token?redirect_uri=${encodeURIComponent(`${siteUrl}/callback`)}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', client_id: h.clients.prod.id, client_secret: h.clients.prod.secret, code }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function readDaily(point: string, bearer: string): Promise<number> {
  const response = await fetch(`${h.base}/metering_data_dc/v5/daily_consumption?usage_point_id=${point}&start=${h.readingDay}&end=2026-11-21`, { headers: { authorization: `Bearer ${bearer}` } });
  return response.status;
}

describe.runIf(hasChromium)('the consent journey in a browser', () => {
  it('signs in, ticks two points, accepts, and lands on the application with a code that exchanges for a token', async () => {
    await page.goto(authorizeUrl(h.clients.prod.id, 'browser-1'));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Connexion');
    await expectAccessible();
    await page.getByLabel('Adresse e-mail').fill(h.customers.alice.email);
    await page.getByLabel('Mot de passe').fill(h.customers.alice.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await page.getByRole('heading', { name: 'Shop Conso souhaite accéder à vos données' }).waitFor();
    await expectAccessible();
    await expect(page.getByText('6 mois').count()).resolves.toBeGreaterThan(0);
    const boxes = page.getByRole('checkbox');
    await expect(boxes.count()).resolves.toBe(2);
    for (const box of await boxes.all()) await box.check();
    await page.getByRole('button', { name: 'Accepter et partager' }).click();

    await page.waitForURL(`${siteUrl}/callback**`);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('usage_point_id')).toBe(h.customers.alice.points.join(';'));
    expect(landed.searchParams.get('state')).toBe('browser-1');
    const token = await legacyToken(landed.searchParams.get('code')!);
    expect(token.usage_points_id).toBe(h.customers.alice.points.join(','));
    expect(await readDaily(h.customers.alice.points[0]!, token.access_token)).toBe(200);
  });

  it('a refusal lands on the application with access_denied and shares nothing', async () => {
    await page.goto(authorizeUrl(h.clients.other.id, 'browser-2'));
    await page.getByRole('heading', { name: 'Other App souhaite accéder à vos données' }).waitFor();
    await page.getByRole('button', { name: 'Refuser' }).click();
    await page.waitForURL(`${siteUrl}/callback**`);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('error')).toBe('access_denied');
    expect(landed.searchParams.get('code')).toBe('403');
    expect(await new Consents(h.test.database, h.hub.clock).ofApplication('shop-other')).toEqual([]);
  });

  it('a form posted from another site is refused (CSRF) and shares nothing', async () => {
    const target = authorizeUrl(h.clients.other.id, 'forged');
    await page.goto(`${siteUrl}/forge?target=${encodeURIComponent(target)}&point=${h.customers.alice.points[0]}`);
    await page.getByRole('heading', { name: 'Formulaire expiré' }).waitFor();
    expect(await new Consents(h.test.database, h.hub.clock).ofApplication('shop-other')).toEqual([]);
  });

  it('the customer space shows the consents and the access log, revokes one in one click, and signs out', async () => {
    await page.goto(`${h.base}/account`);
    await page.getByRole('heading', { name: 'Mes consentements' }).waitFor();
    await expectAccessible();
    const [first] = await new Consents(h.test.database, h.hub.clock).ofApplication('shop-prod');
    const logRows = page.locator('section[aria-labelledby="access-log"] tbody tr');
    await expect(logRows.filter({ hasText: 'Consommation quotidienne' }).count()).resolves.toBeGreaterThan(0);
    await expect(logRows.first().textContent()).resolves.toContain(`n° ${first!.id}`);

    const clientToken = ((await (
      await fetch(`${h.base}/oauth2/v3/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: h.clients.prod.id, client_secret: h.clients.prod.secret }) })
    ).json()) as Json).access_token as string;
    expect(await readDaily(first!.usagePointId, clientToken)).toBe(200);

    await page.getByRole('button', { name: `Retirer le consentement donné à Shop Conso pour le point ${first!.usagePointId}` }).click();
    await page.getByRole('status').filter({ hasText: `n° ${first!.id} donné à Shop Conso est retiré` }).waitFor();
    expect(await readDaily(first!.usagePointId, clientToken)).toBe(403);
    await expect(page.locator('td.state-revoked').count()).resolves.toBe(1);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion à votre espace client' }).waitFor();
    await page.goto(`${h.base}/account`);
    expect(new URL(page.url()).pathname).toBe('/account/sign-in');
  });
});
