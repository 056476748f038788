// The whole OpenID code flow against a real provider and a real relay: start, the provider's
// login, callback, code exchange, and a session whose document token syncs a document with stock
// y-websocket clients. The same identity signs in to the same account again. No log line holds
// a code, a verifier, a state, a session or the client secret.
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OidcRoutes } from '../../../../wire/oidc-sign-in.ts';
import { waitFor } from '../../helpers/relay-harness.ts';
import { EXTENSION_REDIRECT, startOidcHarness, type OidcHarness } from './oidc-harness.ts';
import { signInWithProvider } from './oidc-steps.ts';
import { TEST_CLIENT } from './test-provider.ts';

const test = suite('oidc code flow');
let h: OidcHarness;
const secrets: string[] = [TEST_CLIENT.clientSecret];

test.before(async () => {
  h = await startOidcHarness();
});
test.after(async () => {
  await h.close();
});

function syncClient(doc: string, token: string): { provider: WebsocketProvider; ydoc: Y.Doc } {
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(h.relay.url, doc, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  return { provider, ydoc };
}

test('the providers are listed for the buttons', async () => {
  const listed = await h.api('GET', OidcRoutes.providers);
  assert.is(listed.status, 200);
  assert.equal(listed.json, [{ name: 'test', label: 'Test test' }]);
});

test('sign in through the provider, get a session, and sync a document with it', async () => {
  const { journey, back, code, exchanged } = await signInWithProvider(h, 'ada@example.org');
  secrets.push(journey.state, journey.pkce.verifier, code, journey.callback.searchParams.get('code') ?? '', journey.callback.searchParams.get('state') ?? '');
  assert.is(back.status, 302);
  assert.is(back.location.origin + back.location.pathname, EXTENSION_REDIRECT);
  assert.is(back.params.get('state'), journey.state, 'the client gets its own state back');
  assert.match(code, /^[A-Za-z0-9_-]{43}$/);
  assert.is(exchanged.status, 201);
  assert.equal(Object.keys(exchanged.json).sort(), ['accountId', 'name', 'session']);
  assert.is(exchanged.json.name, 'Person ada');
  const { accountId, session } = exchanged.json;
  secrets.push(session);

  const me = await h.api('GET', '/api/accounts/current', undefined, session);
  assert.is(me.json.email, 'ada@example.org', 'the verified email is the account email');
  const doc = `library/${accountId}`;
  const issued = await h.api('POST', '/api/tokens', { doc }, session);
  assert.is(issued.status, 200);
  secrets.push(issued.json.token);

  const writer = syncClient(doc, issued.json.token);
  const reader = syncClient(doc, issued.json.token);
  try {
    writer.ydoc.getMap('probe').set('signed-in-with', 'oidc');
    await waitFor(() => reader.ydoc.getMap('probe').get('signed-in-with') === 'oidc', 'the second device to receive the edit');
  } finally {
    for (const client of [writer, reader]) {
      client.provider.awareness.destroy();
      client.provider.destroy();
    }
  }
});

test('the same identity signs in to the same account again', async () => {
  const first = await signInWithProvider(h, 'bo@example.org');
  const second = await signInWithProvider(h, 'bo@example.org');
  assert.is(first.exchanged.status, 201);
  assert.is(second.exchanged.status, 201);
  assert.is(second.exchanged.json.accountId, first.exchanged.json.accountId);
  assert.is.not(second.exchanged.json.session, first.exchanged.json.session);
  const identities = await h.api('GET', OidcRoutes.identities, undefined, second.exchanged.json.session);
  assert.is(identities.json.identities.length, 1);
  assert.is(identities.json.hasPassword, false);
  assert.is(identities.json.identities[0].provider, 'test');
  assert.is(identities.json.identities[0].email, 'bo@example.org');
});

test('no log line holds a code, a verifier, a state, a session, a token or the client secret', () => {
  assert.ok(h.logs.length > 0, 'the relay logged something');
  const found = secrets.filter((secret) => secret !== '' && h.logs.some((line) => line.includes(secret)));
  assert.equal(found, []);
});

test.run();
