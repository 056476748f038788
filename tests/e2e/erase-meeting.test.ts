// Deleting a synced meeting for good in the real side panel, against a real relay: Delete forever
// erases the meeting's IndexedDB database and, through DELETE /api/meetings/<id>, its rows in the
// relay's SQLite file; its share link stops working. A copy of the meeting open in another view
// of the profile closes. Made offline, the relay deletion waits and is sent once the browser is
// back online. Made while the relay is down, it is finished by the service worker's retry alarm
// with no side panel open, by the next worker when it starts, or by the device signing in again
// after it signed out (each without the alarm). The service worker alone sends these deletions: the relay gets one
// DELETE per erased meeting, even one recorded again after it was finished, and no side panel
// sends any. The meeting's title leaves this browser's storage too: the library's IndexedDB log
// and the list snapshot. Screenshots of the trash before and after are for people to look at.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page, Worker } from 'playwright-core';
import WebSocket from 'ws';
import { CloseCode } from '../../wire/close-codes.ts';
import { startE2eRelay, type E2eRelay } from './helpers/e2e-relay.ts';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg, signIn, signUp, storedSettings } from './helpers/extension-flows.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';
import { shoot } from './helpers/screenshots.ts';
import { browserLibraryText, relayLibraryText } from './helpers/stored-library.ts';

const test = suite('e2e erase a meeting');
const ERASER = { email: 'eraser@example.org', password: 'a long enough password', name: 'Ada' } as const;
let relay: E2eRelay | null = null;
let browser: ExtensionBrowser | null = null;
let panel: Page | null = null;
let session = '';
// DELETE /api/meetings/<id> requests made by side panels during the current test (none should be).
const panelDeletes: string[] = [];

function countDeletes(page: Page): void {
  page.on('request', (request) => {
    if (request.method() === 'DELETE' && request.url().includes('/api/meetings/')) panelDeletes.push(request.url());
  });
}

async function openPanel(): Promise<Page> {
  panel = await browser!.page('side-panel/index.html');
  panel.setDefaultTimeout(15_000);
  panel.on('pageerror', (e) => console.error('pageerror', e.message));
  countDeletes(panel);
  await panel.setViewportSize({ width: 360, height: 720 });
  return panel;
}

function side(): Page {
  assert.ok(panel, 'the side panel is open');
  return panel;
}

guardedSetup(test, async () => {
  relay = await startE2eRelay({ keepLogs: true });
  browser = await launchExtension();
  await (await signUp(browser, relay.httpUrl, ERASER)).close();
  session = ((await storedSettings(await browser.worker())).account as { session: string }).session;
  await openPanel();
});

// Each test answers for the requests made while it ran, so one that fails does not fail the next.
test.before.each(() => {
  panelDeletes.splice(0);
});

test.after(async () => {
  await browser?.close(true);
  await relay?.close();
});

const storedRows = (meetingId: string): number =>
  (relay!.db.prepare('SELECT count(*) AS n FROM updates WHERE doc = ?').get(`meeting/${meetingId}`) as { n: number }).n;

// Every DELETE of this meeting the relay received, answered or refused, as its log shows them.
const relayDeletes = (meetingId: string): number =>
  relay!.logs.filter(
    (line) => (line.msg === 'meeting deleted' && line.meetingId === meetingId) || (line.method === 'DELETE' && line.path === `/api/meetings/${meetingId}`),
  ).length;

const pendingErases = async (worker: Worker): Promise<{ meetingId: string }[] | undefined> =>
  worker.evaluate(async () => (await chrome.storage.local.get('pendingErases')).pendingErases as { meetingId: string }[] | undefined);

const localDatabases = (page: Page): Promise<string[]> => page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''));

async function syncedMeeting(page: Page, title: string): Promise<string> {
  const meetingId = await createMeeting(page, title);
  await page.getByText(msg('syncSynced'), { exact: true }).waitFor();
  await eventually(async () => storedRows(meetingId) > 0, 'the meeting to be stored on the relay');
  return meetingId;
}

async function deleteForever(page: Page, title: string, shot?: string): Promise<void> {
  await page.evaluate(() => (location.hash = '#/'));
  await page.getByRole('button', { name: msg('libraryDeleteLabel', title) }).click();
  await page.evaluate(() => (location.hash = '#/trash'));
  await page.getByRole('button', { name: msg('libraryTrashForeverLabel', title) }).click();
  if (shot) await shoot(page, shot);
  await page.locator('[data-trash]', { hasText: title }).getByRole('button', { name: msg('libraryTrashForever'), exact: true }).click();
  await page.locator('[data-trash]', { hasText: title }).waitFor({ state: 'detached' });
}

test('Delete forever erases the local database, the relay rows and the share link; an open copy closes', async () => {
  const page = side();
  const meetingId = await syncedMeeting(page, 'Board secrets');
  const share = await fetch(`${relay!.httpUrl}/api/shares`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
    body: JSON.stringify({ meetingId, role: 'view' }),
  });
  assert.is(share.status, 201);
  const { token } = (await share.json()) as { token: string };
  await eventually(async () => (await localDatabases(page)).includes(`meeting/${meetingId}`), 'a local copy');
  assert.ok((await browserLibraryText(page)).includes('Board secrets'), 'the library holds the title');
  await eventually(async () => relayLibraryText(relay!.db).includes('Board secrets'), "the relay's library holds it");

  const other = await browser!.page(`side-panel/index.html#/meeting/${meetingId}`);
  countDeletes(other);
  await other.getByRole('button', { name: msg('shareButton') }).waitFor();
  await deleteForever(page, 'Board secrets', 'erase-trash-confirm');
  await shoot(page, 'erase-trash-after');

  await eventually(async () => storedRows(meetingId) === 0, 'the relay to drop the meeting');
  await eventually(async () => !(await localDatabases(page)).includes(`meeting/${meetingId}`), 'the IndexedDB database to be deleted');
  await eventually(async () => !(await browserLibraryText(page)).includes('Board secrets'), 'the title to leave the library log and snapshot');
  await eventually(async () => !relayLibraryText(relay!.db).includes('Board secrets'), "the title to leave the relay's library rows");
  await other.waitForURL(/#\/$/);
  await other.getByRole('button', { name: msg('libraryNew') }).waitFor();
  await other.close();
  assert.is((relay!.db.prepare('SELECT count(*) AS n FROM meeting_owners WHERE meeting_id = ?').get(meetingId) as { n: number }).n, 0);
  assert.is((await relay!.store.load(`meeting/${meetingId}`)).rowCount, 0);
  const refused = await fetch(`${relay!.httpUrl}/api/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
    body: JSON.stringify({ doc: `meeting/${meetingId}` }),
  });
  assert.is(refused.status, 410);
  assert.is((relay!.db.prepare('SELECT count(*) AS n FROM shares WHERE meeting_id = ?').get(meetingId) as { n: number }).n, 0, 'the share link is gone');
  const viewer = new WebSocket(`${relay!.httpUrl.replace(/^http/, 'ws')}/sync/meeting/${meetingId}?token=${token}`);
  let closedWith: number | null = null;
  viewer.on('close', (code) => (closedWith = code));
  viewer.on('error', () => {});
  try {
    // Bounded, and the socket ended either way: a relay that kept it open must fail the test, not hang it.
    assert.is(await eventually(async () => closedWith, 'the share link socket to close'), CloseCode.unauthenticated, 'the share link is refused');
  } finally {
    viewer.terminate();
  }
  await eventually(async () => (await pendingErases(await browser!.worker())) === undefined, 'nothing left pending');
  // Both open views saw the removal and recorded it; the worker still asked the relay once.
  assert.is(relayDeletes(meetingId), 1, 'one DELETE reached the relay');
  assert.equal(panelDeletes, [], 'no side panel sent a DELETE');
});

test('made offline, the relay deletion waits and is sent when the browser is back online', async () => {
  const page = side();
  const meetingId = await syncedMeeting(page, 'Offline erase');
  await browser!.context.setOffline(true);
  await deleteForever(page, 'Offline erase');
  await eventually(async () => !(await localDatabases(page)).includes(`meeting/${meetingId}`), 'the IndexedDB database to be deleted offline');
  const recorded = await pendingErases(await browser!.worker());
  assert.equal(recorded?.map((p) => p.meetingId), [meetingId]);
  assert.ok(storedRows(meetingId) > 0, 'the relay still has it while offline');
  await browser!.context.setOffline(false);
  await eventually(async () => storedRows(meetingId) === 0, 'the relay to drop the meeting once online');
  await eventually(async () => (await pendingErases(await browser!.worker())) === undefined, 'nothing left pending');
  assert.is(relayDeletes(meetingId), 1, 'one DELETE reached the relay');
  // A view that sees the removal only now records it again: the worker knows the relay finished
  // it, so the entry leaves the list with no second request.
  await (await browser!.worker()).evaluate((entries) => chrome.storage.local.set({ pendingErases: entries }), recorded!);
  await eventually(async () => (await pendingErases(await browser!.worker())) === undefined, 'the late record to be dropped');
  assert.is(relayDeletes(meetingId), 1, 'still one DELETE: a deletion finished is not sent again');
  assert.equal(panelDeletes, [], 'no side panel sent a DELETE');
});

// Chrome fires an alarm at its scheduled time; to see the retry without waiting its minute, the
// test re-creates the alarm (same name and period) to fire now, as background.test.ts does.
// Unpacked extensions may do that.
async function fireRetryNow(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    const alarm = await chrome.alarms.get('erase-retry');
    if (!alarm) throw new Error('no retry alarm');
    await chrome.alarms.create(alarm.name, { when: Date.now() + 50, periodInMinutes: alarm.periodInMinutes });
  });
}

test('made while the relay is down, the relay deletion is finished by the worker with no side panel open', async () => {
  const page = side();
  const meetingId = await syncedMeeting(page, 'Erased while down');
  await relay!.stop();
  await deleteForever(page, 'Erased while down');
  const worker = await browser!.worker();
  await eventually(async () => (await pendingErases(worker))?.some((p) => p.meetingId === meetingId), 'the deletion to be recorded');
  const alarm = await eventually(() => worker.evaluate(() => chrome.alarms.get('erase-retry')), 'the worker to set its retry alarm');
  assert.is(alarm.periodInMinutes, 1, 'retried every minute');

  for (const open of browser!.context.pages()) if (open.url().includes('/side-panel/')) await open.close();
  panel = null;
  assert.equal(browser!.context.pages().filter((open) => open.url().includes('/side-panel/')), [], 'no side panel is open');
  await relay!.start();
  assert.ok(storedRows(meetingId) > 0, 'the relay still has it');
  await fireRetryNow(worker);

  await eventually(async () => storedRows(meetingId) === 0, 'the relay to drop the meeting');
  await eventually(async () => (await pendingErases(worker)) === undefined, 'nothing left pending');
  await eventually(async () => (await worker.evaluate(() => chrome.alarms.get('erase-retry'))) === undefined, 'the retry alarm to be cleared');
  assert.is((await relay!.store.load(`meeting/${meetingId}`)).rowCount, 0);
  assert.is(relayDeletes(meetingId), 1, 'one DELETE reached the relay');
  assert.equal(panelDeletes, [], 'no side panel sent a DELETE');
});

/** A deletion recorded while the relay was down, with its retry alarm cleared: only another
 *  reason to send (the one each test names) can finish it. */
async function pendingWithoutAlarm(title: string): Promise<string> {
  const page = panel ?? (await openPanel());
  const meetingId = await syncedMeeting(page, title);
  await relay!.stop();
  await deleteForever(page, title);
  const worker = await browser!.worker();
  await eventually(async () => (await pendingErases(worker))?.some((p) => p.meetingId === meetingId), 'the deletion to be recorded');
  await eventually(() => worker.evaluate(() => chrome.alarms.get('erase-retry')), 'the worker to set its retry alarm');
  await worker.evaluate(() => chrome.alarms.clear('erase-retry'));
  await relay!.start();
  return meetingId;
}

test('a deletion left pending is sent by the next service worker when it starts', async () => {
  const meetingId = await pendingWithoutAlarm('Erased before a restart');
  const panelPage = side();
  const cdp = await browser!.context.newCDPSession(panelPage);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  assert.ok(storedRows(meetingId) > 0, 'the relay still has it while the worker is stopped');
  await cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${browser!.extensionId}/` });
  await cdp.detach();

  await eventually(async () => storedRows(meetingId) === 0, 'the restarted worker to have the relay drop the meeting');
  await eventually(async () => (await pendingErases(await browser!.worker())) === undefined, 'nothing left pending');
  assert.is(relayDeletes(meetingId), 1, 'one DELETE reached the relay');
  assert.equal(panelDeletes, [], 'no side panel sent a DELETE');
});

test('a deletion left pending when the device signed out is sent when it signs in again', async () => {
  const meetingId = await pendingWithoutAlarm('Erased before signing out');
  const options = await browser!.page('options/index.html');
  await options.getByRole('button', { name: msg('optSignOut') }).click();
  await options.getByRole('button', { name: msg('optSignIn') }).waitFor();
  await options.close();
  const worker = await browser!.worker();
  assert.equal((await pendingErases(worker))?.map((p) => p.meetingId), [meetingId], 'kept while signed out');
  assert.ok(storedRows(meetingId) > 0, 'nothing sent while signed out');

  await (await signIn(browser!, relay!.httpUrl, ERASER)).close();
  await eventually(async () => storedRows(meetingId) === 0, 'the relay to drop the meeting after the sign-in');
  await eventually(async () => (await pendingErases(await browser!.worker())) === undefined, 'nothing left pending');
  assert.is(relayDeletes(meetingId), 1, 'one DELETE reached the relay');
  assert.equal(panelDeletes, [], 'no side panel sent a DELETE');
});

test.run();
