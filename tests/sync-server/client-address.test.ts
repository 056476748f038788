// Per-IP limits behind a reverse proxy: X-Forwarded-For is believed only from a peer the operator
// named with --trust-proxy, and then only up to the first hop that is not itself trusted. An IPv6
// client is its /64, so picking another address of one's own network buys no fresh budget.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { ConfigError } from '../../sync-server/config.ts';
import { configFromEnvironment } from '../../sync-server/env.ts';
import { addressGroup, forwardedClient, normalizeAddress } from '../../sync-server/client-address.ts';
import { docName, startTestRelay } from './helpers/relay-harness.ts';
import { TokenRoleGate } from './helpers/token-role-gate.ts';

const test = suite('client address');
const proxies = new Set(['127.0.0.1', '10.1.1.1']);

test('an untrusted peer is the client, whatever it claims to forward', () => {
  assert.is(forwardedClient('203.0.113.9', '198.51.100.7', proxies), '203.0.113.9');
});

test('a trusted proxy: the right-most hop that is not a trusted proxy', () => {
  assert.is(forwardedClient('127.0.0.1', '198.51.100.7', proxies), '198.51.100.7');
  assert.is(forwardedClient('127.0.0.1', '6.6.6.6, 198.51.100.7, 10.1.1.1', proxies), '198.51.100.7');
  assert.is(forwardedClient('127.0.0.1', ['6.6.6.6', '198.51.100.7'], proxies), '198.51.100.7');
});

test('a trusted proxy without the header, with garbage, or with only proxies: the peer', () => {
  assert.is(forwardedClient('127.0.0.1', undefined, proxies), '127.0.0.1');
  assert.is(forwardedClient('127.0.0.1', 'not-an-ip', proxies), '127.0.0.1');
  assert.is(forwardedClient('127.0.0.1', '10.1.1.1', proxies), '127.0.0.1');
});

test('IPv4-mapped IPv6 addresses are the IPv4 client', () => {
  assert.is(normalizeAddress('::ffff:192.0.2.1'), '192.0.2.1');
  assert.is(normalizeAddress('2001:DB8::1'), '2001:db8::1');
});

test('an IPv6 address stands for its /64; an IPv4 address for itself', () => {
  assert.is(addressGroup('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2::/64');
  assert.is(addressGroup('2001:db8:1:2::7'), '2001:db8:1:2::/64');
  assert.is(addressGroup('2001:0DB8:0001:0002::'), '2001:db8:1:2::/64');
  assert.is(addressGroup('2001:db8::1'), '2001:db8:0:0::/64');
  assert.is(addressGroup('64:ff9b::192.0.2.1'), '64:ff9b:0:0::/64');
  assert.is(addressGroup('fe80::1%eth0'), 'fe80:0:0:0::/64');
  assert.is(addressGroup('198.51.100.7'), '198.51.100.7');
});

test('--trust-proxy and LTM_TRUST_PROXY take IP lists; anything else is a ConfigError', () => {
  assert.equal(configFromEnvironment(['--trust-proxy', '127.0.0.1, ::1'], {}).trustedProxies, ['127.0.0.1', '::1']);
  assert.equal(configFromEnvironment([], { LTM_TRUST_PROXY: '10.0.0.2' }).trustedProxies, ['10.0.0.2']);
  assert.throws(() => configFromEnvironment(['--trust-proxy', 'proxy.internal'], {}), (e: unknown) => e instanceof ConfigError);
});

function upgrade(url: string, forwardedFor: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { 'x-forwarded-for': forwardedFor } });
    ws.on('open', () => {
      resolve('open');
      ws.terminate();
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => {});
  });
}

/** Upgrades to one document on a relay allowing 2 per address, each claiming to be from one of
 *  `forwarded`; what each got ('open' or the HTTP status). */
async function upgradesFrom(forwarded: readonly string[], trustedProxies: readonly string[]): Promise<('open' | number)[]> {
  const harness = await startTestRelay({ connectionsPerSecondPerIp: 0.001, connectionBurstPerIp: 2, trustedProxies });
  try {
    const doc = docName();
    const url = `${harness.relay.url}/${doc}?token=${encodeURIComponent(TokenRoleGate.token('edit', doc))}`;
    const outcomes: ('open' | number)[] = [];
    for (const address of forwarded) outcomes.push(await upgrade(url, address));
    return outcomes;
  } finally {
    await harness.stop();
  }
}

test('behind a trusted proxy, each forwarded client has its own connection budget', async () => {
  const outcomes = await upgradesFrom([...Array(4).fill('198.51.100.7'), '198.51.100.8'], ['127.0.0.1']);
  assert.equal(outcomes, ['open', 'open', 429, 429, 'open']);
});

test('without --trust-proxy, a forged X-Forwarded-For buys no fresh connection budget', async () => {
  assert.equal(await upgradesFrom(['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'], []), ['open', 'open', 429, 429]);
});

test('behind a trusted proxy, the IPv6 addresses of one /64 share one connection budget', async () => {
  const outcomes = await upgradesFrom(['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2::3', '2001:db8:1:2::4', '2001:db8:1:3::1'], ['127.0.0.1']);
  assert.equal(outcomes, ['open', 'open', 429, 429, 'open']);
});

test.run();
