// One socket per document per browser: with the side panel, the popup and the service worker
// all holding the running meeting (and the library) open, the relay sees one connection per
// document. When the context holding a socket closes, another takes it over, and a change made
// on another device still reaches the contexts that follow.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { clockView, nextItem, readClockLog, type ActorId } from '../../crdt/index.ts';
import { requestDocToken, syncUrl } from '../../extension/data/relay-api.ts';
import { startE2eRelay, type E2eRelay } from './helpers/e2e-relay.ts';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, signUp, startMeeting, storedSettings } from './helpers/extension-flows.ts';
import { whenSynced } from './helpers/facilitator.ts';
import { guardedSetup } from './helpers/guarded-setup.ts';

const test = suite<{ relay: E2eRelay | null; browser: ExtensionBrowser | null }>('e2e one socket per document', { relay: null, browser: null });
const closing: (() => Promise<void>)[] = [];

const who = { email: 'solo@example.org', password: 'correct horse battery', name: 'Solo' };
// The library and the one meeting.
const DOCUMENTS = 2;

guardedSetup(test, async (ctx) => {
  const relay = (ctx.relay = await startE2eRelay());
  closing.push(() => relay.close());
  const browser = (ctx.browser = await launchExtension());
  closing.push(() => browser.close(true));
});

test.after(async () => {
  for (const close of closing.reverse()) await close();
});

async function openSockets(relay: E2eRelay): Promise<number> {
  const text = await (await fetch(`${relay.httpUrl}/metrics`)).text();
  return Number(/^ltm_connections (\d+)$/m.exec(text)?.[1] ?? NaN);
}

test('three contexts, one socket per document; a closed holder is replaced', async ({ relay, browser }) => {
  const options = await signUp(browser!, relay!.httpUrl, who);
  const panel = await browser!.page('side-panel/index.html');
  const id = await createMeeting(panel, 'One socket');
  await startMeeting(panel);
  const popup = await browser!.page('popup/index.html');
  await eventually(async () => (await popup.locator('h1.item').textContent()) === 'Yesterday', 'the popup shows the running item');
  await options.close();
  await eventually(async () => (await openSockets(relay!)) === DOCUMENTS || null, `${DOCUMENTS} sockets`);
  await popup.waitForTimeout(1_500);
  assert.is(await openSockets(relay!), DOCUMENTS, 'no context opened a second socket meanwhile');

  await panel.close();
  const { session } = (await storedSettings(await browser!.worker())).account as { session: string };
  const doc = new Y.Doc();
  const { token } = await requestDocToken(relay!.httpUrl, session, `meeting/${id}`);
  const other = new WebsocketProvider(syncUrl(relay!.httpUrl), `meeting/${id}`, doc, { WebSocketPolyfill: WebSocket as never, params: { token }, disableBc: true });
  try {
    await whenSynced(other);
    const current = clockView(readClockLog(doc), Date.now()).currentItemId!;
    assert.ok(nextItem(doc, current, { now: Date.now(), by: 'another-device-01' as ActorId }));
    await eventually(async () => (await popup.locator('h1.item').textContent()) === 'Today', 'the popup follows a Next from another device');
    await eventually(async () => (await openSockets(relay!)) === DOCUMENTS + 1 || null, 'the browser still holds one socket per document');
  } finally {
    other.awareness.destroy();
    other.destroy();
    doc.destroy();
  }
});

test.run();
