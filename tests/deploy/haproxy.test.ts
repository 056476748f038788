// The shipped front proxy, deploy/haproxy.cfg, run for real: three relay processes on one
// PostgreSQL behind a real HAProxy that runs the shipped file with only its addresses, ports and
// certificate path substituted. Every socket of one document lands on the same relay; documents
// spread over the relays; when a document's relay is killed, its client reconnects through the
// proxy to another relay and keeps editing, and the edit is in the database. HTTP goes to any
// relay, plain HTTP is redirected to HTTPS, and /metrics is not served to the outside. The access
// log names each request's path, never its query, where a socket's document token travels.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { startHaproxy, type HaproxyProcess } from '../helpers/haproxy-process.ts';
import { freePort, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import { sharedPostgres } from '../helpers/shared-postgres.ts';
import { createAccount, type RelayAccount } from '../sync-server/helpers/relay-account.ts';
import { spawnRelay, type RelayProcess } from '../sync-server/helpers/relay-process.ts';
import { docName, makeTempDir, waitFor } from '../sync-server/helpers/relay-harness.ts';
import { destroyProvider } from '../sync-server/helpers/stock-provider.ts';
import { storedText } from '../sync-server/helpers/stored-doc.ts';
import { makeCertificate, type TestCertificate } from '../sync-server/helpers/tls-certificates.ts';

const SHIPPED = join(import.meta.dirname, '../../deploy/haproxy.cfg');
const SHIPPED_RELAYS = ['10.0.0.11:8787', '10.0.0.12:8787', '10.0.0.13:8787'];
const CERT_FILE = 'relay.pem';

interface World {
  cluster: PostgresCluster;
  databaseUrl: string;
  certificate: TestCertificate;
  nodes: RelayProcess[];
  proxy: HaproxyProcess;
  httpsPort: number;
  httpPort: number;
  providers: WebsocketProvider[];
  /** Owns every document the tests open (its tokens verify on every relay). */
  account: RelayAccount;
}

const test = suite<World>('front proxy (deploy/haproxy.cfg)', { providers: [] } as unknown as World);

/** The shipped file with this machine's addresses: anything else that differs is a test bug. */
function substituted(dir: string, w: World): string {
  let text = readFileSync(SHIPPED, 'utf8');
  const swap = (from: string, to: string) => {
    assert.ok(text.includes(from), `deploy/haproxy.cfg still has ${from}`);
    text = text.replaceAll(from, to);
  };
  swap('bind :443 ', `bind 127.0.0.1:${w.httpsPort} `);
  swap('bind :80\n', `bind 127.0.0.1:${w.httpPort}\n`);
  swap('/etc/haproxy/certs/relay.pem', join(dir, CERT_FILE));
  SHIPPED_RELAYS.forEach((address, i) => swap(address, `127.0.0.1:${w.nodes[i]!.port}`));
  return text;
}

test.before(async (w) => {
  w.cluster = await sharedPostgres();
  w.databaseUrl = await w.cluster.createDatabase('proxy');
  w.certificate = await makeCertificate();
  w.nodes = await Promise.all(
    SHIPPED_RELAYS.map(() =>
      spawnRelay({ dataDir: makeTempDir(), logLevel: 'warn', overrides: { databaseUrl: w.databaseUrl } }),
    ),
  );
  w.account = await createAccount(w.nodes[0]!.httpUrl);
  [w.httpsPort, w.httpPort] = [await freePort(), await freePort()];
  w.proxy = await startHaproxy((dir) => substituted(dir, w), w.httpsPort, { [CERT_FILE]: `${w.certificate.cert}\n${w.certificate.key}\n` });
});

test.after.each((w) => {
  for (const provider of w.providers.splice(0)) destroyProvider(provider);
});

test.after(async (w) => {
  await w.proxy?.stop();
  await Promise.all((w.nodes ?? []).map((node) => node.kill()));
  await w.cluster?.stop();
});

/** `token`: one issued earlier, for a client that connects after the relay that issues tokens
 *  (the account's node) may have been killed. */
async function throughProxy(w: World, doc: string, token?: string): Promise<WebsocketProvider> {
  token ??= await w.account.tokenFor(doc);
  const { cert } = w.certificate;
  class TrustingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { ca: cert });
    }
  }
  const provider = new WebsocketProvider(`wss://127.0.0.1:${w.httpsPort}/sync`, doc, new Y.Doc(), {
    WebSocketPolyfill: TrustingWebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  });
  w.providers.push(provider);
  return provider;
}

async function metric(node: RelayProcess, name: string): Promise<number> {
  const text = await (await fetch(`${node.httpUrl}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? Number.NaN);
}

/** Which relay admitted the socket that `open` makes (the one whose socket count went up). */
async function landsOn(w: World, live: readonly RelayProcess[], open: () => Promise<void>): Promise<RelayProcess> {
  const before = await Promise.all(live.map((node) => metric(node, 'ltm_sockets_opened_total')));
  await open();
  const after = await Promise.all(live.map((node) => metric(node, 'ltm_sockets_opened_total')));
  const grown = live.filter((_, i) => after[i]! > before[i]!);
  assert.is(grown.length, 1, 'exactly one relay admitted the socket');
  return grown[0]!;
}

async function syncedVisit(w: World, doc: string): Promise<void> {
  const provider = await throughProxy(w, doc);
  await waitFor(() => provider.synced, `a socket for ${doc} synced through the proxy`);
  destroyProvider(provider);
  w.providers.splice(w.providers.indexOf(provider), 1);
}

function httpsGet(w: World, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    https.get({ host: '127.0.0.1', port: w.httpsPort, path, ca: w.certificate.cert }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

test('every socket of one document lands on the same relay; documents spread over the relays', async (w) => {
  const doc = docName();
  const homes = new Set<RelayProcess>();
  for (let visit = 0; visit < 4; visit++) homes.add(await landsOn(w, w.nodes, () => syncedVisit(w, doc)));
  assert.is(homes.size, 1, 'four visits of one document, one relay');
  const used = new Set<RelayProcess>();
  for (let i = 0; i < 12; i++) {
    const other = docName();
    used.add(await landsOn(w, w.nodes, () => syncedVisit(w, other)));
  }
  assert.ok(used.size > 1, `twelve documents use more than one relay (${used.size})`);
});

test('HTTP goes to any relay over HTTPS; plain HTTP is redirected; /metrics stays inside', async (w) => {
  assert.is(await httpsGet(w, '/api/time'), 200);
  assert.is(await httpsGet(w, '/metrics'), 404);
  const plain = await fetch(`http://127.0.0.1:${w.httpPort}/api/time`, { redirect: 'manual' });
  assert.is(plain.status, 301);
  assert.ok(plain.headers.get('location')?.startsWith('https://'), 'redirected to https');
});

test("the proxy's access log names the document of a socket but never its token", async (w) => {
  const doc = docName();
  const token = await w.account.tokenFor(doc);
  const provider = await throughProxy(w, doc, token);
  await waitFor(() => provider.synced, 'synced through the proxy');
  // HAProxy logs a tunnel when it ends.
  destroyProvider(provider);
  w.providers.splice(w.providers.indexOf(provider), 1);
  await waitFor(() => w.proxy.log().includes(`/sync/${doc}`), 'the socket is in the access log', 10_000);
  assert.not.ok(w.proxy.log().includes('token='), 'a query string reached the log');
  assert.not.ok(w.proxy.log().includes(token), 'the token reached the log');
});

test('the relay of a document is killed: its client reconnects through the proxy to another relay and keeps editing', async (w) => {
  const doc = docName();
  const editor = await throughProxy(w, doc);
  const home = await landsOn(w, w.nodes, () => waitFor(() => editor.synced, 'editor synced'));
  editor.doc.getText('t').insert(0, 'before;');
  await waitFor(async () => (await storedText(w.databaseUrl, doc)) === 'before;', 'the first edit is stored');
  const others = w.nodes.filter((node) => node !== home);
  const before = await Promise.all(others.map((node) => metric(node, 'ltm_sockets_opened_total')));
  // The account lives on node 1, which may be the one killed; any node accepts the token.
  const lateToken = await w.account.tokenFor(doc);
  await home.kill();
  w.nodes = others;
  await waitFor(
    async () => {
      const after = await Promise.all(others.map((node) => metric(node, 'ltm_sockets_opened_total')));
      return editor.synced && after.some((count, i) => count > before[i]!);
    },
    'the editor synced on another relay through the proxy',
    20_000,
  );
  editor.doc.getText('t').insert(0, 'after;');
  await waitFor(async () => (await storedText(w.databaseUrl, doc)) === 'after;before;', 'the edit after the failover is stored', 10_000);
  const late = await throughProxy(w, doc, lateToken);
  await waitFor(() => late.synced && late.doc.getText('t').toString() === 'after;before;', 'a later client through the proxy gets every edit', 10_000);
});

test.run();
