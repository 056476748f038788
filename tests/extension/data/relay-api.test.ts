// The extension's relay client against a real relay (port 0, SQLite in a temp dir): accounts,
// sessions, document tokens, shares, time, typed errors; and the CORS answer the extension
// origin needs.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createAccount,
  createShare,
  fetchServerTime,
  requestDocToken,
  revokeShare,
  signIn,
  signOut,
  syncUrl,
} from '../../../extension/data/relay-api.ts';
import { startE2eRelay, type E2eRelay } from '../../e2e/helpers/e2e-relay.ts';
import { refusal } from '../../wire/refusal.ts';
import { guardedSetup } from '../../e2e/helpers/guarded-setup.ts';

const test = suite<{ relay: E2eRelay | null }>('relay api client', { relay: null });

const MEETING = 'meeting/abcdefghijklmnopqrstuv';

guardedSetup(test, async (ctx) => {
  ctx.relay = await startE2eRelay();
});

test.after(async (ctx) => {
  await ctx.relay?.close();
});

test('sign up, sign in, tokens, shares, sign out', async ({ relay }) => {
  const url = relay!.httpUrl + '/';
  const made = await createAccount(url, { email: 'lin@example.org', password: 'long password 1', name: 'Lin' });
  const again = await signIn(url, { email: 'lin@example.org', password: 'long password 1' });
  assert.is(again.accountId, made.accountId);

  const token = await requestDocToken(url, again.session, MEETING);
  assert.is(token.role, 'owner');
  assert.ok(token.exp > Date.now() && token.exp < Date.now() + 400 * 24 * 3600_000, `exp in ms: ${token.exp}`);
  const library = await requestDocToken(url, again.session, `library/${made.accountId}`);
  assert.is(library.role, 'owner');

  const share = await createShare(url, again.session, MEETING.slice('meeting/'.length), 'view');
  assert.ok(share.shareId && share.token && share.url);
  await revokeShare(url, again.session, share.shareId);

  await signOut(url, again.session);
  const gone = await refusal(requestDocToken(url, again.session, MEETING));
  assert.is(gone.status, 401);
});

test('errors are typed: wrong password, taken email, unreachable relay', async ({ relay }) => {
  const url = relay!.httpUrl;
  await createAccount(url, { email: 'mo@example.org', password: 'long password 2', name: 'Mo' });
  const wrong = await refusal(signIn(url, { email: 'mo@example.org', password: 'wrong password!' }));
  assert.ok(wrong.status === 401 || wrong.status === 403, String(wrong.status));
  const taken = await refusal(createAccount(url, { email: 'mo@example.org', password: 'long password 2', name: 'Mo' }));
  assert.is(taken.status, 409);
  const down = await refusal(fetchServerTime('http://127.0.0.1:1'));
  assert.is(down.code, 'network');
});

test('time, sync URL, and CORS for the extension origin', async ({ relay }) => {
  const url = relay!.httpUrl;
  const before = Date.now();
  const now = await fetchServerTime(url);
  assert.ok(now >= before - 1_000 && now <= Date.now() + 1_000);
  assert.is(syncUrl('https://relay.example.org/'), 'wss://relay.example.org/sync');
  assert.is(syncUrl('http://127.0.0.1:8787'), 'ws://127.0.0.1:8787/sync');

  const preflight = await fetch(url + '/api/tokens', {
    method: 'OPTIONS',
    headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });
  assert.is(preflight.status, 204);
  assert.is(preflight.headers.get('access-control-allow-origin'), '*');
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/);
  const plain = await fetch(url + '/api/time', { headers: { origin: 'chrome-extension://abc' } });
  assert.is(plain.headers.get('access-control-allow-origin'), '*');
});

test.run();
