// The one relay HTTP client against a real relay (port 0): the relay's JSON errors arrive as
// RelayRequestError with its code and details, a refused session is reported once to
// onSessionEnded, an answer that is not the relay's (a proxy's page) gets an http_<status> code,
// an unreachable relay the 'network' code, and a server that accepts a call and never finishes
// its answer (headers or body) the 'timeout' code, with the call abandoned on the server's side.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { relayClient, RelayClientErrorCode } from '../../wire/relay-client.ts';
import { startHangingServer, type HangingServer } from './hanging-server.ts';
import { startE2eRelay, type E2eRelay } from '../e2e/helpers/e2e-relay.ts';
import { refusal } from './refusal.ts';
import { guardedSetup } from '../e2e/helpers/guarded-setup.ts';

const test = suite<{ relay: E2eRelay | null; proxy: Server | null; hanging: HangingServer | null }>('relay client', {
  relay: null,
  proxy: null,
  hanging: null,
});
// Short, so the suite does not wait long, yet long enough on a loaded machine for the request
// to reach the server first; nothing here depends on how long a call took.
const SHORT_MS = 1_000;

guardedSetup(test, async (ctx) => {
  ctx.relay = await startE2eRelay();
  ctx.proxy = createServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'));
  ctx.proxy.listen(0, '127.0.0.1');
  await once(ctx.proxy, 'listening');
});

test.after.each(async (ctx) => {
  await ctx.hanging?.close();
  ctx.hanging = null;
});

test.after(async (ctx) => {
  await ctx.relay?.close();
  ctx.proxy?.close();
});

test('answers and the relay own errors', async ({ relay }) => {
  const client = relayClient({ baseUrl: relay!.httpUrl + '/' });
  const { now } = await client.json<{ now: number }>('GET', '/api/time');
  assert.type(now, 'number');
  const bad = await refusal(client.json('POST', '/api/sessions', { email: 'nobody@example.org', password: 'not the password' }));
  assert.ok(bad.status >= 400 && bad.status < 500);
  assert.match(bad.code, /^[a-z_]+$/);
  assert.not.ok(bad.code.startsWith('http_'), bad.code);
});

test("a refusal's details reach the client from the relay", async ({ relay }) => {
  const client = relayClient({ baseUrl: relay!.httpUrl });
  const short = await refusal(client.json('POST', '/api/accounts', { email: 'short@example.org', password: 'short', name: 'Short' }));
  assert.equal([short.status, short.code, short.details], [400, 'invalid_password', { min: 8, max: 256 }]);
  const weak = await refusal(client.json('POST', '/api/accounts', { email: 'weak@example.org', password: 'password', name: 'Weak' }));
  assert.equal([weak.code, weak.details], ['weak_password', { advice: ['topTen', 'anotherWord'] }]);
});

test('a refused session is reported to onSessionEnded; no session, no report', async ({ relay }) => {
  let ended = 0;
  const signedIn = relayClient({ baseUrl: relay!.httpUrl, session: () => 'not-a-session', onSessionEnded: () => ended++ });
  assert.is((await refusal(signedIn.json('POST', '/api/tokens', { doc: 'meeting/abcdefghijklmnopqrstuv' }))).status, 401);
  assert.is(ended, 1);
  const anonymous = relayClient({ baseUrl: relay!.httpUrl, session: () => null, onSessionEnded: () => ended++ });
  assert.is((await refusal(anonymous.json('POST', '/api/tokens', { doc: 'meeting/abcdefghijklmnopqrstuv' }))).status, 401);
  assert.is(ended, 1);
});

test('a proxy page and an unreachable relay get their own codes', async ({ proxy }) => {
  const port = (proxy!.address() as AddressInfo).port;
  const viaProxy = await refusal(relayClient({ baseUrl: `http://127.0.0.1:${port}` }).json('GET', '/api/time'));
  assert.is(viaProxy.status, 502);
  assert.is(viaProxy.code, 'http_502');
  const down = await refusal(relayClient({ baseUrl: 'http://127.0.0.1:1' }).json('GET', '/api/time'));
  assert.is(down.code, 'network');
  assert.is(down.status, 0);
});

test('a relay that accepts the call and never answers: timeout, and the call is abandoned', async (ctx) => {
  const hanging = (ctx.hanging = await startHangingServer());
  const silent = await refusal(relayClient({ baseUrl: hanging.url, timeoutMs: SHORT_MS }).json('POST', '/api/sessions', { email: 'a@example.org', password: 'x' }));
  assert.equal([silent.status, silent.code], [0, RelayClientErrorCode.timeout]);
  assert.match(silent.message, /did not answer within 1 s\b/);
  assert.equal(hanging.requests, ['POST /api/sessions']);
  await hanging.abandoned(0);
});

test('headers that arrive but a body that never ends: timeout for JSON calls, refusals and downloads', async (ctx) => {
  const hanging = (ctx.hanging = await startHangingServer((res) => {
    const refused = res.req.url === '/refused';
    res.writeHead(refused ? 400 : 200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write(refused ? '{"error":{"code":' : '{"now":');
  }));
  const client = relayClient({ baseUrl: hanging.url, timeoutMs: SHORT_MS, downloadTimeoutMs: SHORT_MS });
  const stalled = await refusal(client.json('GET', '/api/time'));
  assert.equal([stalled.status, stalled.code], [0, RelayClientErrorCode.timeout]);
  const refusedHalfway = await refusal(client.json('POST', '/refused', {}));
  assert.equal([refusedHalfway.status, refusedHalfway.code], [0, RelayClientErrorCode.timeout]);
  const download = await refusal(client.send('GET', '/api/accounts/current/export'));
  assert.equal([download.status, download.code], [0, RelayClientErrorCode.timeout]);
  await Promise.all([0, 1, 2].map((nth) => hanging.abandoned(nth)));
});

test("a download's answer is read whole before it is handed over, headers kept", async ({ relay }) => {
  const response = await relayClient({ baseUrl: relay!.httpUrl }).send('GET', '/api/time');
  assert.is(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /json/);
  assert.type(((await response.json()) as { now: number }).now, 'number');
});

test.run();
