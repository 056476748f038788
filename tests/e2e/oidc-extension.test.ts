// The extension's Options page signs in through a real OpenID provider with
// chrome.identity.launchWebAuthFlow in headless Chromium: the provider button, the auth window
// with the provider's login form, back to Options signed in with the account's email.
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

test('Options: sign in with the provider in the auth window', async ({ h, browser }) => {
  const page = await browser!.page('options/index.html');
  await page.fill('#relay-url', h!.relay.httpUrl);
  const button = page.locator('button[data-provider="test"]');
  await button.waitFor();
  assert.is((await button.textContent())?.trim(), msg('optSignInWith', 'Test test'));
  await shoot(page, 'oidc-options-providers');
  const authWindow = browser!.context.waitForEvent('page', { timeout: 15_000 });
  await button.click();
  const auth = await authWindow;
  await auth.locator('input[name="login"]').waitFor();
  await shoot(auth, 'oidc-extension-auth-window');
  await auth.fill('input[name="login"]', 'pat@example.org');
  await auth.fill('input[name="password"]', 'any password');
  await auth.click('button[type="submit"]');
  await auth.locator('button:has-text("Continue")').click();

  await page.locator('[data-testid="signed-in"]').waitFor({ timeout: 15_000 });
  const settings = await eventually(async () => (await storedSettings(await browser!.worker())).account as { email: string } | null, 'the account in settings');
  assert.is(settings?.email, 'pat@example.org');
  await shoot(page, 'oidc-options-signed-in');
  await page.close();
});

test.run();
