// The account page signs in through a real OpenID provider's login form in real Chromium: the
// button, the provider's login and consent pages, back to /account signed in with the code gone
// from the address bar. Connected sign-ins: removing the last way in is refused with the
// relay's message; a password account connects a provider; a provider whose email belongs to a
// password account is refused with a note saying what to do. Screenshots of each step.
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AccountRoutes } from '../../sync-server/web/account-page/account-routes.ts';
import { RECENT_SIGN_IN_MS } from '../../sync-server/web/access/recent-proof.ts';
import { ageSessions, newCredentials } from '../sync-server/web/access/access-harness.ts';
import { startOidcHarness, type OidcHarness } from '../sync-server/web/oidc/oidc-harness.ts';
import { launchPageBrowser } from './helpers/viewer-browser.ts';
import { shoot } from './helpers/screenshots.ts';

const test = suite('e2e account page with an OpenID provider');
let h: OidcHarness;
let browser: Browser;

test.before(async () => {
  h = await startOidcHarness();
  browser = await launchPageBrowser();
});

test.after(async () => {
  await browser?.close();
  await h?.close();
});

async function openAccountPage(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  await page.goto(h.relay.httpUrl + AccountRoutes.page);
  return { page, problems };
}

/** Fills the provider's dev login form and confirms its consent page. */
async function loginAtProvider(page: Page, login: string, shotName?: string): Promise<void> {
  await page.waitForURL((url) => url.origin === h.providers.test?.issuer);
  await page.locator('input[name="login"]').waitFor();
  if (shotName) await shoot(page, shotName);
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'any password');
  await page.click('button[type="submit"]');
  await page.locator('button:has-text("Continue")').click();
}

test('sign in with the provider from the account page, then the last sign-in cannot be removed', async () => {
  const { page, problems } = await openAccountPage();
  const button = page.locator('#provider-buttons button[data-provider="test"]');
  await button.waitFor();
  assert.is(await button.textContent(), 'Sign in with Test test');
  await shoot(page, 'oidc-account-page-signed-out');
  await button.click();
  await loginAtProvider(page, 'jo@example.org', 'oidc-provider-login-form');

  await page.locator('#signed-in').waitFor();
  assert.is(await page.textContent('#account-email'), 'jo@example.org');
  assert.is(new URL(page.url()).search, '', 'code and state are gone from the address bar');
  const entry = page.locator('#connected-list li[data-identity]');
  assert.is(await entry.count(), 1);
  assert.match((await entry.textContent()) ?? '', /Test test.*jo@example\.org/s);
  assert.ok(await page.isHidden('#password-panel'), 'no password to change');
  await shoot(page, 'oidc-account-page-signed-in');

  await entry.locator('button').click();
  await page.locator('#connected-status[data-tone="error"]').waitFor();
  assert.match((await page.textContent('#connected-status')) ?? '', /only way to sign in/);
  assert.is(await page.locator('#connected-list li[data-identity]').count(), 1);
  assert.equal(problems, []);
  await page.context().close();
});

test('a password account connects the provider from the account page, and removes it again', async () => {
  const me = newCredentials();
  assert.is((await h.api('POST', '/api/accounts', me)).status, 201);
  const { page, problems } = await openAccountPage();
  await page.fill('#sign-in-email', me.email);
  await page.fill('#sign-in-password', me.password);
  await page.click('#sign-in-form button[type="submit"]');
  await page.locator('#signed-in').waitFor();
  await page.click('#connect-buttons button[data-provider="test"]');
  await loginAtProvider(page, 'kim-at-work@example.org');

  await page.locator('#connected-status[data-tone="ok"]').waitFor();
  assert.is(await page.textContent('#account-email'), me.email, 'still the password account');
  assert.is(await page.locator('#connected-list li[data-identity]').count(), 1);
  assert.is(await page.locator('#connect-buttons button').count(), 0, 'nothing left to connect');
  assert.ok(await page.isVisible('#password-panel'), 'the password can still be changed');
  assert.match((await page.textContent('#connected-list li[data-identity]')) ?? '', /kim-at-work@example\.org · connected /);
  await shoot(page, 'oidc-account-page-connected');

  await page.click('#connected-list li[data-identity] button');
  await page.locator('#connect-buttons button[data-provider="test"]').waitFor();
  assert.is(await page.locator('#connected-list li[data-identity]').count(), 0, 'removed: the password remains');
  assert.match((await page.textContent('#connected-status')) ?? '', /no longer signs in/);
  assert.equal(problems, []);
  await page.context().close();
});

test('a session that signed in over ten minutes ago connects and removes the provider after the password is confirmed', async () => {
  const me = newCredentials();
  const created = await h.api('POST', '/api/accounts', me);
  assert.is(created.status, 201);
  const { page, problems } = await openAccountPage();
  await page.fill('#sign-in-email', me.email);
  await page.fill('#sign-in-password', me.password);
  await page.click('#sign-in-form button[type="submit"]');
  await page.locator('#signed-in').waitFor();
  ageSessions(h.db, created.json.accountId, RECENT_SIGN_IN_MS + 1_000);
  await page.click('#connect-buttons button[data-provider="test"]');
  await loginAtProvider(page, 'lee-at-work@example.org');

  await page.locator('#connected-confirm-form').waitFor();
  assert.match((await page.textContent('#connected-status')) ?? '', /Enter your current password to connect Test/);
  assert.ok(await page.evaluate(() => document.activeElement?.id === 'connected-confirm-password'), 'the password field has the focus');
  await shoot(page, 'oidc-account-page-confirm-link');
  await page.fill('#connected-confirm-password', `${me.password}x`);
  await page.click('#connected-confirm-button');
  await page.waitForFunction(() => /current password is wrong/.test(document.querySelector('#connected-status')?.textContent ?? ''));
  assert.ok(await page.isVisible('#connected-confirm-form'), 'a wrong password may be corrected');
  await page.fill('#connected-confirm-password', me.password);
  await page.click('#connected-confirm-button');
  await page.locator('#connected-status[data-tone="ok"]').waitFor();
  assert.is(await page.locator('#connected-list li[data-identity]').count(), 1);
  assert.not.ok(await page.isVisible('#connected-confirm-form'));

  // Removing it from the same old session asks again, in the same form.
  await page.click('#connected-list li[data-identity] button');
  await page.locator('#connected-confirm-form').waitFor();
  assert.match((await page.textContent('#connected-status')) ?? '', /Enter your current password to remove the Test test sign-in/);
  assert.is((await page.textContent('#connected-confirm-button'))?.trim(), 'Remove');
  await page.fill('#connected-confirm-password', me.password);
  await page.click('#connected-confirm-button');
  await page.locator('#connect-buttons button[data-provider="test"]').waitFor();
  assert.is(await page.locator('#connected-list li[data-identity]').count(), 0);
  assert.match((await page.textContent('#connected-status')) ?? '', /no longer signs in/);
  assert.equal(problems, []);
  await page.context().close();
});

test('the email of a password account is not taken over: the page says to sign in and connect', async () => {
  const me = newCredentials();
  assert.is((await h.api('POST', '/api/accounts', me)).status, 201);
  const { page } = await openAccountPage();
  await page.locator('#provider-buttons button[data-provider="test"]').click();
  await loginAtProvider(page, me.email);
  await page.locator('#signed-out-note:not([hidden])').waitFor();
  assert.match((await page.textContent('#signed-out-note')) ?? '', /already exists.*password.*Connected sign-ins/s);
  assert.ok(await page.isHidden('#signed-in'));
  await shoot(page, 'oidc-account-page-account-exists');
  await page.context().close();
});

test.run();
