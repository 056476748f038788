// The extension's Options page signs in through a real OpenID provider with
// chrome.identity.launchWebAuthFlow in headless Chromium: the provider button, the auth window
// with the provider's login form, back to Options signed in with the account's email; and a
// refusal (a password account's email) shown with what to do instead.
import type { Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startOidcHarness, type OidcHarness } from '../sync-server/web/oidc/oidc-harness.ts';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { eventually, msg, storedSettings } from './helpers/extension-flows.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';
import { shoot } from './helpers/screenshots.ts';

const test = suite<{ h: OidcHarness | null; browser: ExtensionBrowser | null }>('e2e extension provider sign-in', { h: null, browser: null });

guardedSetup(test, async (ctx) => {
  ctx.browser = await launchExtension();
  ctx.h = await startOidcHarness({ extensionIds: [ctx.browser.extensionId] });
});

test.after(async (ctx) => {
  await ctx.browser?.close(true);
  await ctx.h?.close();
});

/** Clicks the provider button on Options and logs in as `login` in the auth window. */
async function signInThroughWindow(browser: ExtensionBrowser, page: Page, login: string, shotName?: string): Promise<void> {
  // A fresh provider login each time: the auth window shares the profile's cookies.
  await browser.context.clearCookies();
  const authWindow = browser.context.waitForEvent('page', { timeout: 15_000 });
  await page.locator('button[data-provider="test"]').click();
  const auth = await authWindow;
  await auth.locator('input[name="login"]').waitFor();
  if (shotName) await shoot(auth, shotName);
  await auth.fill('input[name="login"]', login);
  await auth.fill('input[name="password"]', 'any password');
  await auth.click('button[type="submit"]');
  await auth.locator('button:has-text("Continue")').click();
}

test('Options: a password account\'s email is refused with what to do instead', async ({ h, browser }) => {
  const owner = { email: 'quinn@example.org', password: 'a long password', name: 'Quinn' };
  assert.is((await h!.api('POST', '/api/accounts', owner)).status, 201);
  const page = await browser!.page('options/index.html');
  await page.fill('#relay-url', h!.relay.httpUrl);
  await signInThroughWindow(browser!, page, owner.email);
  await page.getByRole('alert').waitFor();
  assert.match((await page.getByRole('alert').textContent()) ?? '', new RegExp(msg('optErrorLinkFirst').slice(0, 40)));
  assert.not.ok((await storedSettings(await browser!.worker())).account, 'not signed in');
  await shoot(page, 'oidc-options-account-exists');
  await page.close();
});

test('Options: sign in with the provider in the auth window', async ({ h, browser }) => {
  const page = await browser!.page('options/index.html');
  await page.fill('#relay-url', h!.relay.httpUrl);
  const button = page.locator('button[data-provider="test"]');
  await button.waitFor();
  assert.is((await button.textContent())?.trim(), msg('optSignInWith', 'Test test'));
  await shoot(page, 'oidc-options-providers');
  await signInThroughWindow(browser!, page, 'pat@example.org', 'oidc-extension-auth-window');

  await page.locator('[data-testid="signed-in"]').waitFor({ timeout: 15_000 });
  const settings = await eventually(async () => (await storedSettings(await browser!.worker())).account as { email: string } | null, 'the account in settings');
  assert.is(settings?.email, 'pat@example.org');
  await shoot(page, 'oidc-options-signed-in');
  await page.close();
});

test.run();
