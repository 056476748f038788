// The share dialog against a real relay: a signed-in person creates a view link for a synced
// meeting, the link's token opens the meeting's websocket, the dialog lists it again when
// reopened (from the relay), Copy puts it on the clipboard, and revoking it closes that socket
// and removes it from the list. With three links, labelled ones and not, every row says its
// role, label and age, and revoking one closes only its own viewer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import type { Page } from 'playwright-core';
import { startE2eRelay, type E2eRelay } from './helpers/e2e-relay.ts';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg, signUp } from './helpers/extension-flows.ts';
import { seriousViolations } from './helpers/axe.ts';
import { shoot } from './helpers/screenshots.ts';

let relay: E2eRelay | null = null;
let browser: ExtensionBrowser | null = null;
const sockets: WebSocket[] = [];

test.after(async () => {
  for (const s of sockets) s.terminate();
  await browser?.close(true);
  await relay?.close();
});

function openSocket(url: string): Promise<{ socket: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    sockets.push(socket);
    const closed = new Promise<number>((r) => socket.on('close', (code) => r(code)));
    socket.once('open', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

async function openDialog(panel: Page): Promise<void> {
  await panel.getByRole('button', { name: msg('shareButton') }).click();
  await panel.getByRole('dialog', { name: msg('shareTitle') }).waitFor();
}

test('create a view link, use it, see it listed again, revoke it', async () => {
  relay = await startE2eRelay();
  browser = await launchExtension();
  await (await signUp(browser, relay.httpUrl, { email: 'sharer@example.org', password: 'a long enough password', name: 'Ada' })).close();

  const panel = await browser.page('side-panel/index.html');
  panel.setDefaultTimeout(15_000);
  await panel.setViewportSize({ width: 360, height: 800 });
  const meetingId = await createMeeting(panel, 'Shared planning');
  // The relay makes the account the meeting's owner when it first syncs it.
  await panel.getByText(msg('syncSynced'), { exact: true }).waitFor();

  await openDialog(panel);
  await panel.getByRole('radio', { name: msg('shareRoleView') }).check();
  await panel.getByRole('button', { name: msg('shareCreate') }).click();
  const field = panel.locator('.links li input[readonly]');
  await field.waitFor();
  const url = await field.inputValue();
  assert.ok(url.includes(meetingId), `the link names the meeting: ${url}`);
  const token = new URL(url).hash.slice(1);
  assert.ok(token.length > 20, 'the token is in the fragment');
  assert.equal(await seriousViolations(panel), []);
  await shoot(panel, 'share-dialog-link');

  // Copy puts exactly the link on the clipboard and says so.
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel.evaluate(() => navigator.clipboard.writeText('something else'));
  await panel.getByRole('button', { name: msg('shareCopy') }).click();
  await eventually(async () => ((await panel.locator('[role="status"][aria-live="polite"]').textContent()) ?? '').includes(msg('shareCopied')), 'the copy to be announced');
  assert.is(await panel.evaluate(() => navigator.clipboard.readText()), url);

  const wsUrl = `${relay.httpUrl.replace(/^http/, 'ws')}/sync/meeting/${meetingId}?token=${encodeURIComponent(token)}`;
  const viewer = await openSocket(wsUrl);
  const firstMessage = await new Promise<Buffer>((r) => viewer.socket.once('message', (data) => r(data as Buffer)));
  assert.ok(firstMessage.length > 0, 'the viewer is served the document');

  // Reopened, the dialog lists the link from the relay.
  await panel.getByRole('button', { name: msg('close') }).click();
  await openDialog(panel);
  await field.waitFor();
  assert.equal(await field.inputValue(), url);

  await panel.getByRole('button', { name: msg('shareRevoke') }).click();
  await field.waitFor({ state: 'detached' });
  const code = await viewer.closed;
  assert.ok(code >= 4400 && code < 4500, `revoked socket closed with an access code, got ${code}`);
  await eventually(async () => {
    const again = await openSocket(wsUrl).catch(() => null);
    if (!again) return true;
    return (await again.closed) >= 4400;
  }, 'the revoked token to be refused');
  await panel.close();
});

test('three links, two labelled: each row says role, label and age; revoking one closes only its viewer', async () => {
  const panel = await browser!.page('side-panel/index.html');
  panel.setDefaultTimeout(15_000);
  await panel.setViewportSize({ width: 400, height: 600 });
  const meetingId = await createMeeting(panel, 'Board update');
  await panel.getByText(msg('syncSynced'), { exact: true }).waitFor();
  await openDialog(panel);
  for (const [role, label] of [['view', '  For the board '], ['edit', "Ana's laptop"], ['view', '']] as const) {
    await panel.getByRole('radio', { name: msg(role === 'edit' ? 'shareRoleEdit' : 'shareRoleView') }).check();
    await panel.getByLabel(msg('shareLabelField')).fill(label);
    await panel.getByRole('button', { name: msg('shareCreate') }).click();
  }
  const rows = panel.locator('.links li');
  await rows.nth(2).waitFor();
  await shoot(panel, 'share-dialog-three-links');
  const heads = await rows.locator('.head').allInnerTexts();
  const now = msg('shareCreatedAt', new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(0, 'second'));
  assert.equal(heads.map((h) => h.replace(/\s+/g, ' ').trim()), [
    `${msg('shareRoleView')} For the board ${now}`,
    `${msg('shareRoleEdit')} Ana's laptop ${now}`,
    `${msg('shareRoleView')} ${now}`,
  ]);
  const created = rows.first().locator('time');
  assert.match((await created.getAttribute('title')) ?? '', /\d{4}/, 'the exact date and time on hover');
  assert.ok(Math.abs(Date.parse((await created.getAttribute('datetime'))!) - Date.now()) < 10 * 60_000);
  const names = await rows.getByRole('button', { name: msg('shareRevoke') }).evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
  assert.is(new Set(names).size, 3, `three distinct revoke buttons: ${names.join(' | ')}`);
  assert.equal(await seriousViolations(panel), []);

  // Open a viewer socket on each view link, then revoke the board's link.
  const wsOf = async (row: number) => {
    const token = new URL(await rows.nth(row).locator('input[readonly]').inputValue()).hash.slice(1);
    return openSocket(`${relay!.httpUrl.replace(/^http/, 'ws')}/sync/meeting/${meetingId}?token=${encodeURIComponent(token)}`);
  };
  const board = await wsOf(0);
  const unlabelled = await wsOf(2);
  await rows.first().getByRole('button', { name: msg('shareRevoke') }).click();
  const code = await board.closed;
  assert.ok(code >= 4400 && code < 4500, `the board's viewer closed with ${code}`);
  await eventually(async () => (await rows.count()) === 2, 'the revoked row to go');
  assert.is(unlabelled.socket.readyState, WebSocket.OPEN, 'the other view link is still open');
  assert.not.ok((await panel.locator('.links').innerText()).includes('For the board'));
  await panel.close();
});

test.run();
