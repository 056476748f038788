// The live viewer in real Chromium (no extension) against a real relay: a facilitator (a Node
// y-websocket client with an owner token from the real API) runs the meeting with crdt
// operations; the page follows its clock and edits live, a view link cannot edit (through the
// UI or a crafted socket message), an edit link can, hostile notes stay text, and an offline
// period shows as offline and catches up.
import type { Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  addAction, addDecision, endMeeting, itemNotesText, meetingNotesText, nextItem, startMeeting,
} from '../../crdt/index.ts';
import { CloseCode } from '../../wire/close-codes.ts';
import type { Facilitator } from './helpers/facilitator.ts';
import { shoot } from './helpers/screenshots.ts';
import type { Visitor } from './helpers/viewer-browser.ts';
import { startViewerFixture, type ViewerFixture } from './helpers/viewer-fixture.ts';
import type { ViewerRelay } from './helpers/viewer-relay.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';
const AGENDA = [
  { title: 'Check-in', plannedSec: 300 },
  { title: 'Roadmap review', plannedSec: 900 },
  { title: 'Hiring plan', plannedSec: 600 },
] as const;
const WAIT = { timeout: 20_000 } as const;

const test = suite('e2e live viewer');
let world: ViewerFixture;
let relay: ViewerRelay;

test.before(async () => {
  world = await startViewerFixture({ title: 'Weekly product sync', items: AGENDA });
  relay = world.relay;
});

test.after.each(async () => {
  await world.closeOpened();
});

test.after(async () => {
  await world?.close();
});

const facilitator = (): Promise<Facilitator> => world.facilitator();
const shown = (page: Page, selector: string): Promise<void> => world.shown(page, selector);
const viewer = (path: string, options?: Parameters<ViewerFixture['viewer']>[1]): Promise<Visitor> => world.viewer(path, options);

/** The digits of the page's item clock in seconds (negative when over time). */
async function shownSeconds(page: Page): Promise<number> {
  const text = (await page.textContent('.now .digits')) ?? '';
  const over = text.startsWith('+');
  const [m, s] = text.replace('+', '').split(':').map(Number);
  const sec = (m ?? 0) * 60 + (s ?? 0);
  return over ? -sec : sec;
}

/**
 * The page's clock is within a second of the facilitator's. The facilitator's reading is taken
 * just before and just after the page's, so a slow round trip to the page cannot fail it.
 */
async function assertClockAgrees(page: Page, f: Facilitator): Promise<void> {
  const before = f.clock().itemRemainingMs / 1000;
  const shown = await shownSeconds(page);
  const after = f.clock().itemRemainingMs / 1000;
  assert.ok(shown <= Math.floor(before) + 1 && shown >= Math.floor(after) - 1, `page shows ${shown}s, facilitator ${after.toFixed(1)}-${before.toFixed(1)}s`);
}

async function expectLive(page: Page): Promise<void> {
  await shown(page, '[data-connection="live"]');
}

test('follows the facilitator: title, clock within a second, Next, notes, decisions, actions and who is here', async () => {
  const f = await facilitator();
  const link = await f.share('view');
  const { page, problems, sockets } = await viewer(link.path);
  await shown(page, 'text=Weekly product sync');
  await shown(page, 'text=The meeting has not started yet');
  assert.ok(await page.isVisible('text=Check-in'));

  assert.ok(startMeeting(f.doc, f.stamp()));
  await shown(page, '#current-title:has-text("Check-in")');
  await expectLive(page);
  for (let i = 0; i < 3; i++) await assertClockAgrees(page, f);

  assert.ok(nextItem(f.doc, f.items[0]!, f.stamp()));
  await shown(page, '#current-title:has-text("Roadmap review")');
  await assertClockAgrees(page, f);

  itemNotesText(f.doc, f.items[1]!)!.insert(0, 'Ship the beta in May');
  meetingNotesText(f.doc).insert(0, 'Everyone joined on time');
  addDecision(f.doc, { random: (n) => crypto.getRandomValues(new Uint8Array(n)), now: Date.now(), text: 'Beta goes to ten customers', itemId: f.items[1]! });
  addAction(f.doc, { random: (n) => crypto.getRandomValues(new Uint8Array(n)), now: Date.now(), text: 'Draft the beta invite', owner: 'Lin', due: null, itemId: f.items[1]! });
  await shown(page, '.notes-text:has-text("Ship the beta in May")');
  await shown(page, '.notes-text:has-text("Everyone joined on time")');
  await shown(page, 'text=Beta goes to ten customers');
  await shown(page, 'text=Draft the beta invite');
  await shown(page, '.presence li:has-text("Ada (facilitator)")');
  assert.equal(problems, []);
  // The shell's script opened it and the provider adopted it: one socket for the whole visit.
  assert.is(sockets.length, 1, `sockets: ${sockets.join(', ')}`);
});

test("a visitor whose device clock is four minutes fast still shows the facilitator's time", async () => {
  const f = await facilitator();
  startMeeting(f.doc, f.stamp());
  const { page, problems } = await viewer((await f.share('view')).path, { clockSkewMs: 4 * 60_000 });
  await shown(page, '#current-title:has-text("Check-in")');
  await expectLive(page);
  assert.ok(((await page.evaluate('Date.now()')) as number) - Date.now() > 3 * 60_000, 'the page clock is fast');
  for (let i = 0; i < 3; i++) await assertClockAgrees(page, f);
  assert.equal(problems, []);
});

test('a view link is read-only in the UI and its crafted writes are refused with 4403', async () => {
  const f = await facilitator();
  startMeeting(f.doc, f.stamp());
  const link = await f.share('view');
  const { page, problems } = await viewer(link.path);
  await shown(page, '#current-title:has-text("Check-in")');
  await expectLive(page);
  assert.ok(await page.isVisible('[data-role="view"]:has-text("View only")'));
  // The records mount after the first paint: count their controls once they are there.
  await shown(page, 'section.actions');
  assert.is(await page.locator('.controls button').count(), 0, 'no clock buttons');
  assert.is(await page.locator('form').filter({ hasNot: page.locator('#viewer-name') }).count(), 0, 'no add forms');
  assert.is(await page.locator('input[type="checkbox"]:not([disabled])').count(), 0);
  // Notes are text for a view link: nothing to type into, nothing that looks like a field.
  await shown(page, '[data-notes-empty]');
  assert.is(await page.locator('[contenteditable], textarea, .cm-editor').count(), 0);
  await page.locator('[data-notes-empty]').first().click();
  await page.keyboard.type('typed by a viewer');
  assert.not.ok(meetingNotesText(f.doc).toString().includes('typed by a viewer'));
  assert.not.ok(itemNotesText(f.doc, f.items[0]!)!.toString().includes('typed by a viewer'));

  // A crafted sync update from the page, over a raw socket with the view token.
  const before = Y.encodeStateVector(f.doc);
  const forged = new Y.Doc();
  Y.applyUpdate(forged, Y.encodeStateAsUpdate(f.doc));
  forged.getText('notes').insert(0, 'forged by a viewer ');
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(forged, before));
  const frame = Array.from(encoding.toUint8Array(encoder));
  const closed = await page.evaluate(
    ({ path, frame }) =>
      new Promise<{ code: number; reason: string }>((resolve) => {
        const ws = new WebSocket(`ws://${location.host}${path}`);
        ws.binaryType = 'arraybuffer';
        ws.onopen = () => ws.send(new Uint8Array(frame));
        ws.onclose = (event) => resolve({ code: event.code, reason: event.reason });
      }),
    { path: `/sync/${f.docName}?token=${encodeURIComponent(link.token)}`, frame },
  );
  assert.is(closed.code, CloseCode.forbidden);
  const stored = new Y.Doc();
  for (const update of (await relay.store.load(f.docName)).updates) Y.applyUpdate(stored, update);
  assert.not.ok(meetingNotesText(stored).toString().includes('forged'), 'the store holds no forged text');
  assert.not.ok(meetingNotesText(f.doc).toString().includes('forged'), 'the facilitator got no forged text');
  assert.ok(await page.isVisible('[data-connection="live"]'), 'the page itself stays live');
  assert.equal(problems, []);
});

test('an edit link drives the clock, types notes and adds actions that reach the facilitator', async () => {
  const f = await facilitator();
  startMeeting(f.doc, f.stamp());
  const link = await f.share('edit');
  const { page, problems } = await viewer(link.path);
  await shown(page, '#current-title:has-text("Check-in")');
  await expectLive(page);
  assert.ok(await page.isVisible('[data-role="edit"]'));

  await page.locator('.notes .cm-content').first().click();
  await page.keyboard.type('Notes typed in the browser');
  await waitFor(() => itemNotesText(f.doc, f.items[0]!)!.toString().includes('Notes typed in the browser'), 'typed note reaches the facilitator');

  await page.fill('input[aria-label="New action item"]', 'Book the room');
  await page.keyboard.press('Enter');
  await waitFor(() => f.doc.getArray('actions').toJSON().some((a: { text?: string }) => a.text === 'Book the room'), 'action reaches the facilitator');

  await page.click('button:has-text("+5 min")');
  await waitFor(() => (f.clock().extendedSec[f.items[0]!] ?? 0) === 300, 'the +5 min extension reaches the facilitator');
  await page.click('button:has-text("Pause")');
  await waitFor(() => f.clock().paused, 'pause reaches the facilitator');
  await page.click('button:has-text("Resume")');
  await waitFor(() => f.clock().running, 'resume reaches the facilitator');
  await page.click('button.next');
  await waitFor(() => f.clock().currentItemId === f.items[1], 'Next reaches the facilitator');
  await shown(page, '#current-title:has-text("Roadmap review")');

  await page.fill('#viewer-name', 'Grace');
  await page.click('button:has-text("Save")');
  await shown(page, '.presence li.self:has-text("Grace (you)")');
  const names = () => [...f.provider.awareness.getStates().values()].map((state) => (state as { user?: { name?: string } }).user?.name);
  await waitFor(() => names().includes('Grace'), "the visitor's name reaches the facilitator");
  await page.reload();
  await shown(page, '.presence li.self:has-text("Grace (you)")');
  assert.is(await page.inputValue('#viewer-name'), 'Grace', 'the name is remembered');
  assert.equal(problems, []);
});

test('hostile notes, decisions and titles are shown as text', async () => {
  const f = await facilitator();
  f.doc.getMap('meta').set('title', HOSTILE);
  startMeeting(f.doc, f.stamp());
  itemNotesText(f.doc, f.items[0]!)!.insert(0, HOSTILE);
  meetingNotesText(f.doc).insert(0, HOSTILE);
  addDecision(f.doc, { random: (n) => crypto.getRandomValues(new Uint8Array(n)), now: Date.now(), text: HOSTILE, itemId: null });
  const { page, problems } = await viewer((await f.share('view')).path);
  await shown(page, `.meeting-title:text-is("${HOSTILE}")`);
  await shown(page, `.notes-text:has-text("${HOSTILE}")`);
  await shown(page, `.decisions li:has-text("${HOSTILE}")`);
  assert.is(await page.locator('img').count(), 0, 'no image element anywhere');
  assert.equal(problems, [], 'no dialog, no error');
});

test('notes stay live as plain text when the editor chunk cannot load, and the page says why they cannot be edited', async () => {
  const f = await facilitator();
  startMeeting(f.doc, f.stamp());
  const link = await f.share('edit');
  const context = await world.browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    await context.route('**/viewer/assets/NotesEditor-*.js', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(relay.httpUrl + link.path);
    await shown(page, '#current-title:has-text("Check-in")');
    meetingNotesText(f.doc).insert(0, 'Typed while the editor is missing');
    await shown(page, 'p.plain:has-text("Typed while the editor is missing")');
    assert.is(await page.locator('.cm-content').count(), 0, 'no editor loaded');
    await shown(page, '[role="status"]:has-text("The notes editor could not load")');
    await shoot(page, 'viewer-editor-unavailable');
  } finally {
    await context.close();
  }
});

test('offline: says so, freezes the clock as last known, and catches up when back online', async () => {
  const f = await facilitator();
  startMeeting(f.doc, f.stamp());
  const { page, context, problems } = await viewer((await f.share('view')).path);
  await shown(page, '#current-title:has-text("Check-in")');
  await expectLive(page);

  await context.setOffline(true);
  await shown(page, '[data-connection="offline"]:has-text("Offline — reconnecting")');
  assert.ok(await page.isVisible('.run[data-stale="true"] .now.dimmed'));
  assert.ok(await page.isVisible('text=/Last known at .*, not live/'));
  const frozen = await page.textContent('.now .digits');
  await shoot(page, 'viewer-offline-light');
  nextItem(f.doc, f.items[0]!, f.stamp());
  await page.waitForTimeout(1_500);
  assert.is(await page.textContent('.now .digits'), frozen, 'an offline clock stands still');
  assert.ok(await page.isVisible('#current-title:has-text("Check-in")'), 'nothing new arrives while offline');

  await context.setOffline(false);
  await expectLive(page);
  await shown(page, '#current-title:has-text("Roadmap review")');
  assert.ok(await page.isVisible('.run[data-stale="false"]'));
  await assertClockAgrees(page, f);
  assert.equal(problems, []);
});

test('an edit link with changes made offline asks before the page is left, and not once they reached the relay', async () => {
  const f = await facilitator();
  startMeeting(f.doc, f.stamp());
  const { page, context, problems } = await viewer((await f.share('edit')).path);
  await shown(page, '#current-title:has-text("Check-in")');
  await expectLive(page);
  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    if (dialog.type() === 'beforeunload') asked.push(dialog.type());
  });

  await context.setOffline(true);
  await shown(page, '[data-connection="offline"]');
  await page.locator('.notes .cm-content').first().click();
  await page.keyboard.type('Typed while offline');
  await page.close({ runBeforeUnload: true });
  await waitFor(() => asked.length === 1, 'leaving asks first');
  assert.not.ok(page.isClosed(), 'the visitor chose to stay');

  await context.setOffline(false);
  await expectLive(page);
  await waitFor(() => itemNotesText(f.doc, f.items[0]!)!.toString().includes('Typed while offline'), 'the offline note reaches the facilitator');
  await page.close({ runBeforeUnload: true });
  await waitFor(() => page.isClosed(), 'leaves without asking once the relay has it');
  assert.is(asked.length, 1);
  assert.equal(problems.filter((p) => !p.startsWith('dialog: ')), []);
});

test('a meeting that ends while watched, or is opened after its end, is not shown as live', async () => {
  const f = await facilitator();
  startMeeting(f.doc, f.stamp());
  const link = await f.share('view');
  const watching = await viewer(link.path);
  await shown(watching.page, '#current-title:has-text("Check-in")');
  await shown(watching.page, '[data-connection="live"]:has-text("Live")');
  assert.ok(endMeeting(f.doc, f.stamp()));
  await shown(watching.page, 'text=This meeting has ended');
  const later = await viewer(link.path);
  await shown(later.page, 'text=This meeting has ended');
  for (const { page, problems } of [watching, later]) {
    const badge = page.locator('[data-connection]');
    await shown(page, '[data-connection="live"]:has-text("Up to date")');
    const text = (await badge.textContent()) ?? '';
    assert.not.match(text, /Live|●/, `the badge says "${text.trim()}"`);
    assert.not.ok(((await page.textContent('body')) ?? '').includes('● Live'));
    assert.equal(problems, []);
  }
});

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.unreachable(`timed out waiting until ${what}`);
}

test.run();
