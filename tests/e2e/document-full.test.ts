// A meeting that outgrows the relay's size cap: the side panel's badge says "Too large" (not
// "Offline", which would promise that the changes sync later), with a hint that says why, going
// offline and online does not change that or ask the relay again, and the notes typed after the
// refusal stay on the device.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startE2eRelay, type E2eRelay } from './helpers/e2e-relay.ts';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg, signUp, startMeeting } from './helpers/extension-flows.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';
import { shoot } from './helpers/screenshots.ts';

interface Ctx {
  relay: E2eRelay | null;
  browser: ExtensionBrowser | null;
}

const test = suite<Ctx>('e2e document full', { relay: null, browser: null });
const CHUNK = 40_000;

guardedSetup(test, async (ctx) => {
  ctx.relay = await startE2eRelay({ keepLogs: true, relay: { maxMessageBytes: 64 * 1024, maxDocumentBytes: 112 * 1024 } });
  ctx.browser = await launchExtension();
  await (await signUp(ctx.browser, ctx.relay.httpUrl, { email: 'full@example.org', password: 'a long enough password', name: 'Ada' })).close();
});

test.after(async (ctx) => {
  await ctx.browser?.close(true);
  await ctx.relay?.close();
});

const randomText = (length: number) => Array.from({ length }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

test('notes past the size cap: the badge says "Too large", and the notes stay on the device', async ({ relay, browser }) => {
  const panel = await browser!.page('side-panel/index.html');
  await panel.setViewportSize({ width: 400, height: 700 });
  const id = await createMeeting(panel, 'A meeting that outgrows the relay');
  await panel.getByText(msg('syncSynced')).first().waitFor({ timeout: 20_000 });
  await startMeeting(panel);
  const notes = panel.getByLabel(/^Notes for /).first();
  await notes.waitFor({ timeout: 20_000 });
  await notes.click();
  const stored = () => (relay!.db.prepare('SELECT sum(length(data)) AS n FROM updates WHERE doc = ?').get(`meeting/${id}`) as { n: number | null }).n ?? 0;
  // Each chunk is one update under the message limit; the third passes the document cap.
  for (let i = 0; i < 3; i++) {
    const before = stored();
    await panel.keyboard.insertText(randomText(CHUNK));
    await eventually(async () => stored() > before + CHUNK, `chunk ${i + 1} stored`);
  }
  await panel.keyboard.insertText(' typed after the cap');
  const badge = panel.getByText(msg('syncFull'), { exact: true });
  await badge.waitFor({ timeout: 20_000 });
  assert.is(await panel.getByText(msg('syncOffline'), { exact: true }).count(), 0);
  const hint = await panel.locator('.badge', { hasText: msg('syncFull') }).getAttribute('title');
  assert.is(hint, msg('syncFullHint'));
  const sizeBefore = stored();
  await panel.keyboard.insertText(' and more');
  await new Promise((r) => setTimeout(r, 500));
  assert.is(stored(), sizeBefore, 'a refused write reached the store');
  await shoot(panel, 'document-full-badge', { viewport: true });

  // Going offline and online again neither says "Offline" nor knocks on the relay again.
  await browser!.context.setOffline(true);
  await new Promise((r) => setTimeout(r, 500));
  assert.is(await panel.getByText(msg('syncOffline'), { exact: true }).count(), 0, 'offline over a refusal');
  await browser!.context.setOffline(false);
  await new Promise((r) => setTimeout(r, 1_000));
  await badge.waitFor();
  const refusals = relay!.logs.filter((line) => line.msg === 'socket closed' && line.code === 4409);
  assert.is(refusals.length, 1, JSON.stringify(refusals));

  // The notes are kept on the device: the meeting reopened from IndexedDB still has them. The
  // editor draws only the part of this 120,000-character line that is in view, so its end is
  // brought into view first, as a reader would.
  await panel.reload();
  const reopened = panel.getByLabel(/^Notes for /).first();
  await reopened.waitFor({ timeout: 20_000 });
  await reopened.click();
  await panel.keyboard.press('Control+End');
  await panel.getByText(/typed after the cap and more/).first().waitFor({ timeout: 20_000 });
});

test.run();
