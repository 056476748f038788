// The relay serving HTTPS and WSS itself, with a self-signed certificate made here: the whole
// account and sync flow over TLS with the production access gate, the website and account page
// behind it, what a client that does not trust the certificate sees, plain HTTP on the TLS port,
// reloading a renewed certificate, and the CLI refusing to start on incomplete or bad TLS files.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { resolveConfig } from '../../sync-server/config.ts';
import { startRelayService, type RelayService } from '../../sync-server/relay-service.ts';
import type { Relay } from '../../sync-server/relay/relay.ts';
import { websiteDefaults } from '../../sync-server/web/website/website-config.ts';
import { TlsCredentialsError } from '../../sync-server/relay/transport/tls-credentials.ts';
import { CSRF_COOKIE } from '../../sync-server/web/website/csrf.ts';
import { Routes } from '../../wire/website-routes.ts';
import { newCredentials, testConfig, tokenFor } from './web/access/access-harness.ts';
import { waitFor } from './helpers/relay-harness.ts';
import { makeCertificate, writeCertificate, writePem, type PemFiles, type TestCertificate } from './helpers/tls-certificates.ts';
import { fingerprintOf, httpsRequest, presentedFingerprint, trustingWebSocket, type TlsTrust } from './helpers/tls-client.ts';

interface World {
  dir: string;
  service: RelayService;
  relay: Relay;
  certificate: TestCertificate;
  files: PemFiles;
  providers: WebsocketProvider[];
}

const Tls = suite<World>('relay over TLS', {} as World);

Tls.before(async (w) => {
  w.dir = mkdtempSync(join(tmpdir(), 'ltm-tls-'));
  w.certificate = await makeCertificate();
  w.files = writeCertificate(w.dir, w.certificate);
  const logger = pino({ level: 'silent' });
  const config = resolveConfig({ port: 0, host: '127.0.0.1', dataDir: w.dir, tlsCertFile: w.files.certFile, tlsKeyFile: w.files.keyFile });
  w.service = await startRelayService(config, {
    logger,
    access: testConfig,
    website: { extensionZipPath: join(w.dir, 'no-zip-here.zip') },
  });
  w.relay = w.service.relay;
  w.providers = [];
});

Tls.after(async (w) => {
  for (const provider of w.providers) {
    provider.awareness.destroy();
    provider.destroy();
  }
  await w.service.close();
  rmSync(w.dir, { recursive: true, force: true });
});

const trusted = (w: World): TlsTrust => ({ ca: w.certificate.cert });

async function api(w: World, method: string, path: string, body?: unknown, session?: string): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session !== undefined) headers.authorization = `Bearer ${session}`;
  const request = { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
  const res = await httpsRequest(w.relay.httpUrl + path, trusted(w), request);
  return { status: res.status, json: res.text === '' ? null : JSON.parse(res.text) };
}


/** The API of this world's relay, over its trusted TLS connection. */
const apiOf = (w: World) => (method: string, path: string, body?: unknown, session?: string) => api(w, method, path, body, session);

function provider(w: World, doc: string, token: string): WebsocketProvider {
  const made = new WebsocketProvider(w.relay.url, doc, new Y.Doc(), {
    WebSocketPolyfill: trustingWebSocket(trusted(w)),
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  });
  w.providers.push(made);
  return made;
}

async function signUp(w: World): Promise<{ accountId: string; session: string; email: string; password: string }> {
  const credentials = newCredentials();
  const created = await api(w, 'POST', '/api/accounts', credentials);
  assert.is(created.status, 201, JSON.stringify(created.json));
  return { ...credentials, accountId: created.json.accountId, session: created.json.session };
}

/** Resolves with the error a socket fails with, or rejects if it opens. */
function socketFailure(socket: WebSocket): Promise<Error & { code?: string }> {
  return new Promise((resolve, reject) => {
    socket.once('error', resolve);
    socket.once('open', () => {
      socket.terminate();
      reject(new Error('the socket opened'));
    });
  });
}

async function requestFailure(request: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await request;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('the request succeeded');
}

Tls('the relay names https and wss URLs and answers /healthz over HTTPS', async (w) => {
  assert.is(w.relay.httpUrl, `https://127.0.0.1:${w.relay.port}`);
  assert.is(w.relay.url, `wss://127.0.0.1:${w.relay.port}/sync`);
  const health = await httpsRequest(`${w.relay.httpUrl}/healthz`, trusted(w));
  assert.is(health.status, 200);
  assert.equal(JSON.parse(health.text), { status: 'ok' });
});

Tls('sign-up, sign-in and tokens over HTTPS; two stock providers over WSS converge and see each other', async (w) => {
  const account = await signUp(w);
  const signedIn = await api(w, 'POST', '/api/sessions', { email: account.email, password: account.password });
  assert.is(signedIn.status, 200, JSON.stringify(signedIn.json));
  assert.is(signedIn.json.accountId, account.accountId);
  const doc = `library/${account.accountId}`;
  const first = provider(w, doc, await tokenFor(apiOf(w), doc, account.session));
  const second = provider(w, doc, await tokenFor(apiOf(w), doc, signedIn.json.session));
  assert.ok(first.url.startsWith('wss://'), first.url);

  first.doc.getText('notes').insert(0, 'agreed over TLS');
  await waitFor(() => second.doc.getText('notes').toString() === 'agreed over TLS', 'the second provider receives the edit');
  second.doc.getText('notes').insert(0, '> ');
  await waitFor(() => first.doc.getText('notes').toString() === '> agreed over TLS', 'the first provider receives the reply');

  first.awareness.setLocalStateField('user', { name: 'Ana' });
  second.awareness.setLocalStateField('user', { name: 'Bo' });
  const seen = (p: WebsocketProvider, name: string) =>
    [...p.awareness.getStates().values()].some((state) => (state as { user?: { name?: string } }).user?.name === name);
  await waitFor(() => seen(first, 'Bo') && seen(second, 'Ana'), 'each provider sees the other in awareness');
});

Tls('plain HTTP and a plain ws:// socket on the TLS port get no answer', async (w) => {
  const plain = new Promise<http.IncomingMessage>((resolve, reject) => {
    http.get(`http://127.0.0.1:${w.relay.port}/healthz`, resolve).on('error', reject);
  });
  const failure = await requestFailure(plain);
  assert.ok(['ECONNRESET', 'EPIPE'].includes(failure.code ?? '') || /socket hang up/.test(failure.message), failure.message);

  const socket = new WebSocket(`ws://127.0.0.1:${w.relay.port}/sync/library/nobody?token=none`);
  await socketFailure(socket);
  assert.is(socket.readyState, WebSocket.CLOSED);
});

Tls('a client that does not trust the certificate, or expects another name, refuses the relay', async (w) => {
  const untrusted: TlsTrust = { ca: null };
  const https = await requestFailure(httpsRequest(`${w.relay.httpUrl}/healthz`, untrusted));
  assert.is(https.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  const WithoutCa = trustingWebSocket(untrusted) as unknown as typeof WebSocket;
  const wss = await socketFailure(new WithoutCa(`${w.relay.url}/library/nobody?token=none`));
  assert.is(wss.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');

  const otherName: TlsTrust = { ca: w.certificate.cert, servername: 'relay.example' };
  const mismatch = await requestFailure(httpsRequest(`${w.relay.httpUrl}/healthz`, otherName));
  assert.is(mismatch.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
});

Tls('the website and account page over HTTPS: secure cookies, the https Origin passes CSRF, mailed links are https', async (w) => {
  const landing = await httpsRequest(`${w.relay.httpUrl}${Routes.landing}`, trusted(w));
  assert.is(landing.status, 200);
  assert.ok(landing.headers['content-security-policy'], 'the page sends its CSP');
  const setCookie = (landing.headers['set-cookie'] ?? []).join('; ');
  assert.match(setCookie, /; Secure/);
  const cookie = new RegExp(`${CSRF_COOKIE}=([^;]+)`).exec(setCookie)?.[1];
  const csrf = /name="csrf" value="([^"]+)"/.exec(landing.text)?.[1];
  assert.ok(cookie && csrf, 'the landing page hands out a CSRF cookie and field');

  const email = newCredentials().email;
  const posted = await httpsRequest(`${w.relay.httpUrl}${Routes.signUp}`, trusted(w), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: w.relay.httpUrl, cookie: `${CSRF_COOKIE}=${cookie}` },
    body: new URLSearchParams({ email, csrf }).toString(),
  });
  assert.is(posted.status, 303, posted.text);
  assert.is(posted.headers.location, Routes.signUpDone);
  const outbox = readFileSync(join(w.dir, websiteDefaults.outboxFileName), 'utf8');
  assert.ok(outbox.includes(`${w.relay.httpUrl}/unsubscribe?token=`), 'the removal link is on the https origin');

  const account = await httpsRequest(`${w.relay.httpUrl}${Routes.account}`, trusted(w));
  assert.is(account.status, 200);
  assert.match(account.text, /<html/i);
});

Tls('a reload serves a renewed certificate to new connections, keeps open sockets, and survives bad files', async (w) => {
  const account = await signUp(w);
  const doc = `library/${account.accountId}`;
  const open = provider(w, doc, await tokenFor(apiOf(w), doc, account.session));
  await waitFor(() => open.synced, 'the provider syncs before the renewal');
  const both: TlsTrust = { ca: [w.certificate.cert] };
  assert.is(await presentedFingerprint(w.relay.port, both), fingerprintOf(w.certificate.cert));

  const renewed = await makeCertificate('renewed.localhost');
  writeCertificate(w.dir, renewed);
  w.relay.reloadTls();
  assert.is(await presentedFingerprint(w.relay.port, { ca: [w.certificate.cert, renewed.cert] }), fingerprintOf(renewed.cert));

  writePem(w.dir, 'key.pem', 'not a key');
  assert.throws(() => w.relay.reloadTls(), (error: unknown) => error instanceof TlsCredentialsError);
  assert.is(await presentedFingerprint(w.relay.port, { ca: renewed.cert }), fingerprintOf(renewed.cert));

  // The socket opened under the old certificate still carries edits.
  w.certificate = renewed;
  const late = provider(w, doc, await tokenFor(apiOf(w), doc, account.session));
  open.doc.getText('notes').insert(0, 'still here');
  await waitFor(() => late.doc.getText('notes').toString() === 'still here', 'the old socket and a new one share the edit');
});

Tls.run();
