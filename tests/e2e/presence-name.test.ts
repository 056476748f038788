// Presence names people by their account's display name, never by anything from their email: a
// signed-in person runs a meeting in the extension's side panel, a visitor opens its view link in
// another browser, and the visitor's "Here now" shows the display name. A new name saved in the
// Options reaches the relay and the open viewer at once.
import type { Browser } from 'playwright-core';
import { suite } from 'uvu';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as assert from 'uvu/assert';
import { apiClient } from '../sync-server/web/access/access-harness.ts';
import { startE2eRelay, type E2eRelay } from './helpers/e2e-relay.ts';
import { launchExtension, type ExtensionBrowser } from './helpers/extension-browser.ts';
import { createMeeting, eventually, msg, signUp, startMeeting, storedSettings } from './helpers/extension-flows.ts';
import { launchViewerBrowser, visit, type Visitor } from './helpers/viewer-browser.ts';

const EMAIL = 'grace.c62cy5@example.org';
// Every piece of the address a careless label could show.
const EMAIL_PARTS = ['grace', 'c62cy5', 'example.org', '@'];

const test = suite('e2e presence names');
let relay: E2eRelay | null = null;
let extension: ExtensionBrowser | null = null;
let viewerBrowser: Browser | null = null;
let visitor: Visitor | null = null;

test.after(async () => {
  await visitor?.close();
  await viewerBrowser?.close();
  await extension?.close(true);
  await relay?.close();
});

/** Every awareness state a stock y-websocket client holding the link receives, as JSON. */
async function awarenessSeenWith(at: E2eRelay, meetingId: string, token: string): Promise<string> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${at.httpUrl.replace(/^http/, 'ws')}/sync`, `meeting/${meetingId}`, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  try {
    const others = () => [...provider.awareness.getStates()].filter(([id]) => id !== doc.clientID).map(([, state]) => state);
    await eventually(async () => others().some((state) => state.user !== undefined), 'the owner\u2019s awareness');
    return JSON.stringify(others());
  } finally {
    provider.awareness.destroy();
    provider.destroy();
    doc.destroy();
  }
}

function assertNoEmail(text: string, where: string): void {
  for (const part of EMAIL_PARTS) assert.not.ok(text.toLowerCase().includes(part), `${where} shows "${part}" of the email: ${text}`);
}

test("the viewer's Here now shows the owner's display name and no part of the email; a new name follows", async () => {
  relay = await startE2eRelay();
  extension = await launchExtension();
  const options = await signUp(extension, relay.httpUrl, { email: EMAIL, password: 'a long enough password', name: 'Ada Lovelace' });

  const panel = await extension.page('side-panel/index.html');
  panel.setDefaultTimeout(15_000);
  const meetingId = await createMeeting(panel, 'Presence check');
  await panel.getByText(msg('syncSynced'), { exact: true }).waitFor();
  await startMeeting(panel);

  const settings = await storedSettings(await extension.worker());
  const session = (settings.account as { session: string }).session;
  const share = await apiClient(relay.httpUrl)('POST', '/api/shares', { meetingId, role: 'view' }, session);
  assert.is(share.status, 201);
  viewerBrowser = await launchViewerBrowser();
  visitor = await visit(viewerBrowser, `${relay.httpUrl}/m/${meetingId}#${share.json.token}`);
  const { page } = visitor;
  const presence = page.locator('.presence ul');
  await presence.locator('li', { hasText: 'Ada Lovelace' }).waitFor({ timeout: 20_000 });
  assertNoEmail((await presence.textContent()) ?? '', 'Here now');
  assertNoEmail((await page.textContent('body')) ?? '', 'the viewer page');
  // The awareness states themselves, which any holder of the link receives, carry no email either.
  const states = await awarenessSeenWith(relay, meetingId, share.json.token);
  assert.match(states, 'Ada Lovelace');
  assertNoEmail(states, 'the awareness states');

  await options.getByLabel(msg('optDisplayName')).fill('Ada L.');
  await options.getByRole('button', { name: msg('optDisplayNameSave') }).click();
  await options.getByText(msg('optDisplayNameSaved')).waitFor();
  await presence.locator('li', { hasText: 'Ada L.' }).waitFor({ timeout: 20_000 });
  await eventually(async () => !((await presence.textContent()) ?? '').includes('Ada Lovelace'), 'the old name to go');
  const me = await apiClient(relay.httpUrl)('GET', '/api/accounts/current', undefined, session);
  assert.is(me.json.name, 'Ada L.', 'the relay holds the new name');
  assert.equal(visitor.problems, []);
});

test.run();
