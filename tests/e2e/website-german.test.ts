// The website in German in real Chromium (UI language de, locale de-DE, so the browser asks for
// German) against a real relay, at 400 px: the landing page and its sign-up form read German, a
// refused address is explained in German next to the field, the confirmation mail, the
// confirmation and unsubscribe pages and the privacy page are German, no English sentence of the
// catalogs is left, and no label is cut off or spills out of its box, in light and dark.
// Screenshots are for people to look at.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { de } from '../../sync-server/web/website/messages/de.ts';
import { en } from '../../sync-server/web/website/messages/en.ts';
import { enFacts } from '../../sync-server/web/website/messages/facts/en.ts';
import { Routes } from '../../wire/website-routes.ts';
import { countRows, startWebsiteRelay, type WebsiteRelay } from '../sync-server/web/website/website-relay.ts';
import { overflowingLabels } from './helpers/layout-overflow.ts';
import { shoot } from './helpers/screenshots.ts';
import { launchPageBrowser } from './helpers/viewer-browser.ts';

const WIDTH = 400;
const WAIT_MS = 10_000;
const test = suite('e2e website in German');
let site: WebsiteRelay;
let browser: Browser;
let context: BrowserContext;
let page: Page;

test.before(async () => {
  site = await startWebsiteRelay();
  browser = await launchPageBrowser({ lang: 'de' });
  context = await browser.newContext({ locale: 'de-DE', viewport: { width: WIDTH, height: 900 }, colorScheme: 'light' });
  page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
});

test.after(async () => {
  await browser?.close();
  await site?.close();
});

async function checkLayout(name: string): Promise<void> {
  await shoot(page, `website-de-400-${name}`);
  const found = await overflowingLabels(page);
  assert.equal(found.map((o) => `${o.what} "${o.text}": ${o.how}`), [], `${name}: truncated or overflowing labels`);
}

async function assertNoEnglish(what: string): Promise<void> {
  const shown = await page.evaluate(() => document.body.innerText.replace(/\s+/g, ' '));
  const english = [...Object.values(en), ...Object.values(enFacts)].filter((text) => text.length > 12 && !text.includes('{') && shown.includes(text));
  assert.equal(english, [], `${what}: no English sentence is shown`);
}

const texts = (selector: string) => page.locator(selector).evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').trim()));

test('the landing page and its sign-up form in German at 400 px, light and dark', async () => {
  const response = await page.goto(site.url);
  assert.match((await response?.request().allHeaders())?.['accept-language'] ?? '', /^de/, 'the browser asks for German');
  assert.match(response?.headers().vary ?? '', /accept-language/i);
  assert.is(await page.evaluate(() => document.documentElement.lang), 'de');
  assert.is(await page.title(), 'LeaveTheMeeting: Besprechungen, die pünktlich enden');
  await page.getByRole('heading', { level: 1, name: 'Besprechungen, die pünktlich enden.' }).waitFor();
  assert.equal(await texts('.site-header nav a'), ['Download', 'Datenschutz', 'Konto']);
  assert.equal(await texts('.features h3'), ['Zeitfenster, die halten', 'Eine Uhr für alle', 'Notizen, Beschlüsse, Aufgaben', 'Ihre Daten, offline zuerst']);
  assert.is(await page.textContent('label[for="email"]'), 'E-Mail-Adresse');
  assert.is(await page.getByRole('button', { name: 'Link senden', exact: true }).count(), 1);
  await assertNoEnglish('landing');
  // The screenshots load lazily; the page is shot with all of them in.
  for (const img of await page.locator('.shots img').all()) {
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle());
  }
  await checkLayout('landing-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await checkLayout('landing-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});

test('a refused address is explained in German next to the field, nothing cut off', async () => {
  await page.goto(site.url);
  await page.getByLabel('E-Mail-Adresse').fill('ana@localhost');
  await page.getByRole('button', { name: 'Link senden', exact: true }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.is(await alert.innerText(), 'Die Domain braucht einen Punkt, etwa example.com.');
  assert.is(await page.getByLabel('E-Mail-Adresse').getAttribute('aria-invalid'), 'true');
  assert.is(countRows(site.db, 'signups'), 0);
  await page.locator('#signup').scrollIntoViewIfNeeded();
  await checkLayout('sign-up-refused');
});

test('a German sign-up: the confirmation, then the emailed link unsubscribes in German', async () => {
  await page.goto(site.url);
  await page.getByLabel('E-Mail-Adresse').fill('lena.fischer@example.de');
  await page.getByRole('button', { name: 'Link senden', exact: true }).click();
  await page.getByRole('heading', { name: 'Sehen Sie in Ihr Postfach' }).waitFor();
  await assertNoEnglish('sign-up done');
  await checkLayout('sign-up-done');
  // The mail is German too: the sign-up queued it in the language the browser asked for.
  const mail = site.outbox()[0];
  assert.is(mail?.subject, de['mail.subject']);
  assert.ok(mail?.text.includes(de['mail.intro']), 'the mail is written in German');
  const link = /(http\S+\/unsubscribe\?token=[A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  assert.ok(link, 'the mail has a removal link');
  await page.goto(link);
  await page.getByRole('heading', { name: 'Ihre Adresse löschen?' }).waitFor();
  await checkLayout('unsubscribe-confirm');
  await page.getByRole('button', { name: 'Meine Adresse löschen' }).click();
  await page.getByRole('heading', { name: 'Ihre Adresse ist gelöscht' }).waitFor();
  assert.is(countRows(site.db, 'signups'), 0);
  await assertNoEnglish('unsubscribed');
});

test('the privacy page in German at 400 px: every table, nothing cut off', async () => {
  await page.goto(new URL(Routes.privacy, site.url).href);
  await page.getByRole('heading', { level: 1, name: 'Was LeaveTheMeeting speichert' }).waitFor();
  assert.equal(await texts('article h2'), ['In Ihrem Browser (die Erweiterung)', 'Auf dem Relay', 'Wie lange Ihre E-Mail-Adresse gespeichert bleibt', 'Was nie gespeichert wird', 'Ihre Wahl']);
  assert.match((await page.textContent('#retention + ul')) ?? '', /spätestens 7 Tage nach dem Versand/);
  await assertNoEnglish('privacy');
  await checkLayout('privacy');
});

test.run();
