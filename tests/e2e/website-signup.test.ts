// The website in real Chromium (no extension) against a real relay, on a phone-sized screen:
// the landing page renders under its CSP with no violation, images and no sideways scroll, in
// light and dark; a bad address gets a clear message; a sign-up lands in the outbox; the same
// address twice is stored once; the emailed link unsubscribes after a confirmation.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CSRF_COOKIE } from '../../sync-server/web/website/csrf.ts';
import { countRows, startWebsiteRelay, type WebsiteRelay } from '../sync-server/web/website/website-relay.ts';
import { seriousViolations } from './helpers/axe.ts';
import { CHROMIUM_PATH } from './helpers/extension-browser.ts';
import { shoot } from './helpers/screenshots.ts';

const PHONE = { width: 390, height: 844 } as const;
const WAIT_MS = 10_000;

interface Ctx {
  site: WebsiteRelay | null;
  browser: Browser | null;
  context: BrowserContext | null;
  page: Page | null;
  cspViolations: string[];
}

const Site = suite<Ctx>('website in Chromium', { site: null, browser: null, context: null, page: null, cspViolations: [] });

Site.before(async (ctx) => {
  ctx.site = await startWebsiteRelay();
  ctx.browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  ctx.context = await ctx.browser.newContext({ viewport: PHONE });
  ctx.page = await ctx.context.newPage();
  ctx.page.setDefaultTimeout(WAIT_MS);
  ctx.page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) ctx.cspViolations.push(message.text());
  });
});

Site.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.site?.close();
});

function ready(ctx: Ctx): { site: WebsiteRelay; page: Page; context: BrowserContext } {
  assert.ok(ctx.site && ctx.page && ctx.context, 'set up');
  return { site: ctx.site, page: ctx.page, context: ctx.context };
}

async function signUpWith(page: Page, site: WebsiteRelay, email: string): Promise<void> {
  await page.goto(site.url);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me the link' }).click();
}

Site('the landing page renders under its CSP, on a phone, in light and dark', async (ctx) => {
  const { site, page } = ready(ctx);
  const res = await page.goto(site.url);
  assert.match(res?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
  await page.getByRole('heading', { level: 1, name: 'Meetings that end on time.' }).waitFor();
  for (const img of await page.locator('.shots img').all()) {
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle());
    assert.ok((await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)) > 0, 'the screenshot loaded');
  }
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll on a phone');
  const backgrounds: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
    assert.equal(await seriousViolations(page), [], `axe, ${colorScheme}`);
    await shoot(page, `website-landing-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  assert.is.not(backgrounds[0], backgrounds[1], 'dark mode changes the page');
  assert.equal(ctx.cspViolations, []);
});

Site('the CSRF cookie the browser holds is HttpOnly, Secure and SameSite=Strict', async (ctx) => {
  const { context } = ready(ctx);
  const cookie = (await context.cookies()).find((c) => c.name === CSRF_COOKIE);
  assert.ok(cookie, 'the browser kept the CSRF cookie');
  assert.is(cookie.httpOnly, true);
  assert.is(cookie.secure, true);
  assert.is(cookie.sameSite, 'Strict');
});

Site('a bad address gets a clear message next to the field, and nothing is stored', async (ctx) => {
  const { site, page } = ready(ctx);
  await signUpWith(page, site, 'ana@localhost');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /The domain needs a dot, like example\.com/);
  assert.is(await page.getByLabel('Email address').inputValue(), 'ana@localhost');
  assert.is(await page.getByLabel('Email address').getAttribute('aria-invalid'), 'true');
  assert.is(countRows(site.db, 'signups'), 0);
  assert.equal(site.outbox(), []);
});

Site('a sign-up lands in the outbox; the same address again is stored once', async (ctx) => {
  const { site, page } = ready(ctx);
  await signUpWith(page, site, 'Ben.Okafor@example.org');
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await signUpWith(page, site, 'ben.okafor@EXAMPLE.org');
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  assert.equal(site.db.prepare('SELECT email FROM signups').all(), [{ email: 'ben.okafor@example.org' }]);
  const mails = site.outbox();
  assert.is(mails.length, 1);
  assert.is(mails[0]?.to, 'ben.okafor@example.org');
  assert.match(mails[0]?.text ?? '', /\/download\/leavethemeeting\.zip/);
  assert.equal(ctx.cspViolations, []);
});

Site('the emailed link asks first, then removes the address', async (ctx) => {
  const { site, page } = ready(ctx);
  const link = /(http\S+\/unsubscribe\?token=[A-Za-z0-9_-]+)/.exec(site.outbox()[0]?.text ?? '')?.[1];
  assert.ok(link, 'the mail has a removal link');
  await page.goto(link);
  await page.getByRole('heading', { name: 'Remove your address?' }).waitFor();
  assert.match(await page.locator('main').innerText(), /ben\.okafor@example\.org/);
  assert.is(countRows(site.db, 'signups'), 1, 'opening the link removes nothing');
  await page.getByRole('button', { name: 'Remove my address' }).click();
  await page.getByRole('heading', { name: 'Your address is removed' }).waitFor();
  assert.is(countRows(site.db, 'signups'), 0);
  await page.goto(link);
  await page.getByRole('heading', { name: 'Nothing to remove' }).waitFor();
  assert.equal(ctx.cspViolations, []);
});

Site('the privacy page renders under its CSP on a phone without sideways scroll', async (ctx) => {
  const { site, page } = ready(ctx);
  await page.goto(new URL('/privacy', site.url).href);
  await page.getByRole('heading', { level: 1, name: 'What LeaveTheMeeting stores' }).waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll on a phone');
  assert.equal(await seriousViolations(page), []);
  await shoot(page, 'website-privacy');
  assert.equal(ctx.cspViolations, []);
});

Site.run();
