// The /account page in real Chromium (no extension) against a real relay: strict CSP and no
// cookies; sign in, sessions (revoke one), share links (revoke one; a label shown, as text), a
// hostile meeting title shown as text, an untitled meeting named so, export downloads a zip of the account's documents, password change, and
// account deletion behind a typed confirmation (and the password, once the sign-in is over ten
// minutes old). Screenshots in light, dark and phone width.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AccountRoutes, SESSION_STORAGE_KEY } from '../../sync-server/web/account-page/account-routes.ts';
import { RECENT_SIGN_IN_MS } from '../../sync-server/web/access/recent-proof.ts';
import { meetingFixture, storeUpdates } from '../sync-server/web/access/account-fixtures.ts';
import { ageSessions, newCredentials, newMeetingId, type ApiCall } from '../sync-server/web/access/access-harness.ts';
import { seriousViolations } from './helpers/axe.ts';
import type { E2eRelay } from './helpers/e2e-relay.ts';
import { startAccountPageRig } from './helpers/account-page-rig.ts';
import { shoot } from './helpers/screenshots.ts';

const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';
const HOSTILE_LABEL = 'For the <b>board</b>';
const REQUIRED_CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"];

const test = suite('e2e account page');
let relay: E2eRelay;
let browser: Browser;
let api: ApiCall;

test.before(async () => {
  ({ relay, api, browser } = await startAccountPageRig());
});

test.after(async () => {
  await browser?.close();
  await relay?.close();
});

async function newAccount(): Promise<{ email: string; password: string; name: string; session: string; accountId: string }> {
  const credentials = newCredentials();
  const created = await api('POST', '/api/accounts', credentials);
  assert.is(created.status, 201);
  return { ...credentials, session: created.json.session, accountId: created.json.accountId };
}

interface Watched {
  readonly page: Page;
  /** Alerts, page errors and console errors (a CSP violation is reported as one). */
  readonly problems: string[];
}

async function openPage(): Promise<Watched> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(relay.httpUrl + AccountRoutes.page);
  return { page, problems };
}

async function signInOnPage(page: Page, email: string, password: string): Promise<void> {
  await page.fill('#sign-in-email', email);
  await page.fill('#sign-in-password', password);
  await page.click('#sign-in-form button[type="submit"]');
}

/** The page opened and signed in as `who`, its account shown. */
async function openSignedIn(who: { readonly email: string; readonly password: string }): Promise<Watched> {
  const watched = await openPage();
  await signInOnPage(watched.page, who.email, who.password);
  await watched.page.locator('#signed-in').waitFor();
  return watched;
}

test('the page and its assets send a strict CSP and set no cookie', async () => {
  for (const path of [AccountRoutes.page, AccountRoutes.script, AccountRoutes.styles]) {
    const response = await fetch(relay.httpUrl + path);
    assert.is(response.status, 200, path);
    const csp = (response.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
    for (const directive of REQUIRED_CSP) assert.ok(csp.includes(directive), `${path}: ${directive}`);
    assert.not.ok(csp.some((d) => d.includes('unsafe-')), `${path}: nothing unsafe`);
    assert.is(response.headers.get('set-cookie'), null, `${path}: no cookie`);
    assert.is(response.headers.get('x-content-type-options'), 'nosniff');
  }
  const shell = await (await fetch(relay.httpUrl + AccountRoutes.page)).text();
  assert.not.match(shell, /<script(?![^>]*\ssrc=)/, 'no inline script');
  assert.not.match(shell, /\sstyle=|<style/, 'no inline style');

  const posted = await fetch(relay.httpUrl + AccountRoutes.page, { method: 'POST', body: 'email=a%40b.org&password=secret', redirect: 'manual' });
  assert.is(posted.status, 303, 'a form posted without the script is sent back to the page');
  assert.is(posted.headers.get('location'), AccountRoutes.page);
  assert.is((await fetch(relay.httpUrl + AccountRoutes.script, { method: 'DELETE' })).status, 405);
  assert.is((await fetch(`${relay.httpUrl}/account/other`)).status, 404, 'other paths fall through');
});

test('sign in, revoke a session and a share, hostile title as text, export, change password, delete', async () => {
  const me = await newAccount();
  const other = await api('POST', '/api/sessions', { email: me.email, password: me.password });
  const meetingId = newMeetingId();
  assert.is((await api('POST', '/api/tokens', { doc: `meeting/${meetingId}` }, me.session)).status, 200);
  await storeUpdates(relay.store, `meeting/${meetingId}`, meetingFixture(meetingId, HOSTILE_TITLE).updates);
  const share = await api('POST', '/api/shares', { meetingId, role: 'view' }, me.session);
  const labeled = await api('POST', '/api/shares', { meetingId, role: 'edit', label: HOSTILE_LABEL }, me.session);
  assert.is(labeled.status, 201);
  const untitledId = newMeetingId();
  assert.is((await api('POST', '/api/tokens', { doc: `meeting/${untitledId}` }, me.session)).status, 200);
  await api('POST', '/api/shares', { meetingId: untitledId, role: 'view' }, me.session);
  const { page, problems } = await openPage();

  await signInOnPage(page, me.email, 'not the password');
  await page.locator('#sign-in-status[data-tone="error"]').waitFor();
  assert.is(await page.textContent('#sign-in-status'), 'The email or the password is wrong.');
  await shoot(page, 'account-page-sign-in-refused');
  await signInOnPage(page, me.email, me.password);
  await page.locator('#signed-in').waitFor();
  assert.is(await page.textContent('#account-email'), me.email);
  assert.is(await page.locator('#sessions-list li').count(), 3, 'the API session, the second one and this browser');
  assert.is(await page.locator('#sessions-list li.current').count(), 1);

  const title = page.locator(`[data-meeting="${meetingId}"] .meeting-title`);
  assert.is(await title.textContent(), HOSTILE_TITLE, 'the title is shown exactly as typed');
  assert.is(await page.locator('img[src="x"]').count(), 0, 'no element was made from it');
  assert.is(await page.textContent(`li[data-share="${labeled.json.shareId}"] .share-label`), HOSTILE_LABEL, 'the label is shown exactly as typed');
  assert.is(await page.locator('b').count(), 0, 'no element was made from the label');
  assert.is(await page.locator(`li[data-share="${share.json.shareId}"] .share-label`).count(), 0, 'a link without a label shows none');
  assert.is(await page.getByRole('button', { name: `Revoke the can edit link “${HOSTILE_LABEL}” to ${HOSTILE_TITLE}` }).count(), 1, 'its revoke button names it');
  assert.is(await page.textContent(`[data-meeting="${untitledId}"] .meeting-title`), 'Untitled meeting');
  await shoot(page, 'account-page-light');
  assert.equal(await seriousViolations(page), []);

  await page.locator('#sessions-list li:not(.current) button').first().click();
  await page.waitForFunction(() => document.querySelectorAll('#sessions-list li').length === 2);
  const stillIn = await Promise.all([me.session, other.json.session].map(async (s) => (await api('GET', '/api/accounts/current', undefined, s)).status));
  assert.equal(stillIn.filter((status) => status === 401).length, 1, 'exactly one of the two other sessions ended');

  await page.click(`li[data-share="${share.json.shareId}"] button`);
  await page.locator(`li[data-share="${share.json.shareId}"].inactive`).waitFor();
  const alive = stillIn[0] === 200 ? me.session : (other.json.session as string);
  const shares = await api('GET', `/api/shares?meetingId=${meetingId}`, undefined, alive);
  const revoked = (shares.json.shares as { shareId: string; revokedAt: number | null }[]).find((s) => s.shareId === share.json.shareId);
  assert.type(revoked?.revokedAt, 'number', 'the relay has it revoked');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-button')]);
  assert.match(download.suggestedFilename(), /^leavethemeeting-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  assert.ok(files[`documents/meeting/${meetingId}.json`], 'the meeting document is in the zip');
  assert.is(JSON.parse(strFromU8(files['account.json']!)).account.email, me.email);
  assert.ok(Object.keys(files).some((p) => p.startsWith('meetings/') && p.endsWith(`-${meetingId}.md`)));

  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'account-page-dark');
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'account-page-phone');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling at phone width');

  const newPassword = 'a fresh long passphrase';
  await page.fill('#current-password', me.password);
  await page.fill('#new-password', newPassword);
  await page.fill('#repeat-password', newPassword);
  await page.click('#password-button');
  await page.locator('#password-status[data-tone="ok"]').waitFor();
  assert.is((await api('POST', '/api/sessions', { email: me.email, password: me.password })).status, 401, 'old password refused');
  // The list is reloaded after the status shows; wait for it rather than read it mid-way.
  await page.waitForFunction(() => document.querySelectorAll('#sessions-list li').length === 1, undefined, { timeout: 10_000 }).catch(() => {});
  assert.is(await page.locator('#sessions-list li').count(), 1, 'only this browser is left');

  assert.ok(await page.isDisabled('#delete-button'));
  await page.fill('#delete-confirm', 'someone.else@example.org');
  assert.ok(await page.isDisabled('#delete-button'), 'a wrong email does not arm it');
  await page.fill('#delete-confirm', me.email.toUpperCase());
  assert.not.ok(await page.isDisabled('#delete-button'));
  // A session that signed in over ten minutes ago deletes only with the password.
  ageSessions(relay.db, me.accountId, RECENT_SIGN_IN_MS + 1_000);
  await page.click('#delete-button');
  await page.locator('#delete-status[data-tone="error"]').waitFor();
  assert.match((await page.textContent('#delete-status')) ?? '', /Enter your current password/);
  assert.ok(await page.evaluate(() => document.activeElement?.id === 'delete-password'), 'the password field has the focus');
  await shoot(page, 'account-page-delete-needs-password');
  await page.fill('#delete-password', newPassword);
  await page.click('#delete-button');
  await page.locator('#signed-out').waitFor();
  assert.match((await page.textContent('#signed-out-note')) ?? '', /deleted/);
  assert.is(await page.evaluate((key) => sessionStorage.getItem(key), SESSION_STORAGE_KEY), null);
  assert.is((await api('POST', '/api/sessions', { email: me.email, password: newPassword })).status, 401, 'the account is gone');

  const refusedSignIn = problems.filter((p) => p.includes('status of 401'));
  assert.is(refusedSignIn.length, 1, 'the wrong password, and nothing else, was refused');
  const refusedDelete = problems.filter((p) => p.includes('status of 403'));
  assert.is(refusedDelete.length, 1, 'the deletion without the password');
  const expected = [...refusedSignIn, ...refusedDelete];
  assert.equal(problems.filter((p) => !expected.includes(p)), [], 'no alert, no page error, no CSP violation');
  await page.context().close();
});

test('the display name is shown and changed on the page; a bad one is refused with its reason', async () => {
  const me = await newAccount();
  const { page, problems } = await openSignedIn(me);
  assert.is(await page.inputValue('#display-name'), me.name);
  await page.fill('#display-name', '  Ada Lovelace ');
  await page.click('#name-button');
  await page.locator('#name-status[data-tone="ok"]').waitFor();
  assert.is(await page.inputValue('#display-name'), 'Ada Lovelace');
  assert.is((await api('GET', '/api/accounts/current', undefined, me.session)).json.name, 'Ada Lovelace');
  await page.waitForFunction(() => document.querySelector('#account-name')?.textContent === ' (Ada Lovelace)', undefined, { timeout: 10_000 }).catch(() => {});
  assert.is(await page.textContent('#account-name'), ' (Ada Lovelace)');

  await page.fill('#display-name', '   ');
  await page.click('#name-button');
  await page.locator('#name-status[data-tone="error"]').waitFor();
  assert.match((await page.textContent('#name-status')) ?? '', /1 to 100 characters/);
  assert.is((await api('GET', '/api/accounts/current', undefined, me.session)).json.name, 'Ada Lovelace', 'nothing changed');
  assert.equal(problems.filter((p) => !p.includes('status of 400')), []);
  await page.context().close();
});

test('a session ended elsewhere sends the page back to sign-in with a note', async () => {
  const me = await newAccount();
  const { page, problems } = await openSignedIn(me);
  const session = await page.evaluate((key) => sessionStorage.getItem(key), SESSION_STORAGE_KEY);
  assert.type(session, 'string');
  assert.is((await api('DELETE', '/api/sessions/current', undefined, session!)).status, 204);
  await page.reload();
  await page.locator('#signed-out-note').waitFor();
  assert.match((await page.textContent('#signed-out-note')) ?? '', /session ended/);
  assert.ok(await page.isHidden('#signed-in'));
  assert.equal(problems.filter((p) => !p.includes('status of 401')), [], 'only the expected 401 is logged');
  await page.context().close();
});

test('a failure other than a 401 while the page loads the account keeps the session: a reload signs in again', async () => {
  const me = await newAccount();
  const { page, problems } = await openSignedIn(me);
  const session = await page.evaluate((key) => sessionStorage.getItem(key), SESSION_STORAGE_KEY);
  // The network drops the account's request once, as a blip on the way to the relay does.
  await page.route('**/api/accounts/current', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await page.locator('#signed-out-note').waitFor();
  assert.is(await page.evaluate((key) => sessionStorage.getItem(key), SESSION_STORAGE_KEY), session, 'the session is kept');
  await page.unroute('**/api/accounts/current');
  await page.reload();
  await page.locator('#signed-in').waitFor();
  assert.equal(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await page.context().close();
});

test('a change that succeeded is reported as done even when reloading the lists after it fails', async () => {
  const me = await newAccount();
  const { page, problems } = await openSignedIn(me);
  await page.route('**/api/sessions', (route) => route.abort('internetdisconnected'));
  await page.fill('#display-name', 'Renamed before the blip');
  await page.click('#name-button');
  // The button is busy until the reload after the change has ended, and failed.
  await page.locator('#name-button:enabled').waitFor();
  assert.is(await page.getAttribute('#name-status', 'data-tone'), 'ok');
  assert.is((await api('GET', '/api/accounts/current', undefined, me.session)).json.name, 'Renamed before the blip');
  assert.equal(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await page.context().close();
});

test('signing out and in as someone else in the same tab leaves nothing of the first account on the page', async () => {
  const [first, second] = [await newAccount(), await newAccount()];
  const { page, problems } = await openSignedIn(first);
  await page.fill('#delete-confirm', first.email);
  assert.ok(await page.isEnabled('#delete-button'), 'consent given for the first account');
  await page.fill('#display-name', 'Typed, never saved');
  await page.click('#sign-out');
  await page.locator('#signed-out-note').waitFor();
  await signInOnPage(page, second.email, second.password);
  await page.locator('#signed-in').waitFor();
  await page.locator('#account-email', { hasText: second.email }).waitFor();
  assert.is(await page.inputValue('#delete-confirm'), '');
  assert.ok(await page.isDisabled('#delete-button'), 'no consent carried over');
  assert.is(await page.inputValue('#display-name'), second.name);
  assert.equal(problems, []);
  await page.context().close();
});

test('this browser keeps its device token, so a stranger\'s guesses do not lock it out; a weak new password shows why', async () => {
  const me = await newAccount();
  const { page, problems } = await openSignedIn(me);
  await page.click('#sign-out');
  await page.locator('#signed-out').waitFor();
  const stranger: number[] = [];
  for (let i = 0; i < 7; i++) stranger.push((await api('POST', '/api/sessions', { email: me.email, password: `stranger guess ${i}` })).status);
  assert.is(stranger.at(-1), 429, `the stranger is throttled: ${stranger.join(' ')}`);

  await signInOnPage(page, me.email, me.password);
  await page.locator('#signed-in').waitFor();
  await page.fill('#current-password', me.password);
  await page.fill('#new-password', 'password');
  await page.fill('#repeat-password', 'password');
  await page.click('#password-button');
  await page.locator('#password-status[data-tone="error"]').waitFor();
  assert.match((await page.textContent('#password-status')) ?? '', /too easy to guess.*heavily used password/);

  const { page: elsewhere } = await openPage();
  await signInOnPage(elsewhere, me.email, me.password);
  await elsewhere.locator('#sign-in-status[data-tone="error"]').waitFor();
  assert.match((await elsewhere.textContent('#sign-in-status')) ?? '', /Too many attempts/, 'a browser without the token is throttled');
  assert.equal(problems.filter((p) => !/status of 400/.test(p)), [], 'only the refused password is logged');
  await elsewhere.context().close();
  await page.context().close();
});

test.run();
