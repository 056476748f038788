// Every HTTP answer of the relay carries the baseline security headers, not only the website's
// pages: the JSON API (successes, refusals, the 404 that echoes the path), health, metrics, the
// OpenID redirects. Strict-Transport-Security is sent on every route when the relay serves TLS
// itself or its public URL is https://, and never on a plain-HTTP relay. A page keeps its own CSP.
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HSTS_MAX_AGE_SEC } from '../../../../sync-server/relay/transport/response-headers.ts';
import { withRelayService } from '../../helpers/relay-service-harness.ts';
import { makeCertificate, writeCertificate } from '../../helpers/tls-certificates.ts';
import { httpsRequest, type TlsTrust } from '../../helpers/tls-client.ts';

const test = suite('response headers on every route');

/** Non-page answers of each kind: API success, API refusal, unknown API route, unknown path,
 *  health, metrics, a refused OpenID start, a CORS preflight. */
const NON_PAGES: readonly (readonly [string, string])[] = [
  ['GET', '/api/time'],
  ['GET', '/api/accounts/current'],
  ['GET', '/api/nope'],
  ['GET', '/nope/%3Cscript%3E'],
  ['GET', '/healthz'],
  ['GET', '/metrics'],
  ['GET', '/auth/nobody/start'],
  ['OPTIONS', '/api/tokens'],
];
const PAGES = ['/', '/account'] as const;

async function plainHeaders(base: string, method: string, path: string): Promise<IncomingHttpHeaders> {
  const res = await fetch(base + path, { method });
  await res.arrayBuffer();
  return Object.fromEntries(res.headers);
}

function assertBaseline(headers: IncomingHttpHeaders, what: string): void {
  assert.is(headers['x-content-type-options'], 'nosniff', what);
  assert.match(String(headers['content-security-policy']), /frame-ancestors 'none'/, what);
  assert.ok(headers['referrer-policy'], what);
}

test('a plain-HTTP relay: nosniff, a deny-all CSP and a referrer policy everywhere, no HSTS', () =>
  withRelayService({}, async (service) => {
    for (const [method, path] of NON_PAGES) {
      const headers = await plainHeaders(service.relay.httpUrl, method, path);
      assertBaseline(headers, `${method} ${path}`);
      assert.is(headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'", `${method} ${path}`);
      assert.is(headers['strict-transport-security'], undefined, `${method} ${path}`);
    }
    for (const path of PAGES) {
      const headers = await plainHeaders(service.relay.httpUrl, 'GET', path);
      // The page's own policy wins over the baseline.
      assert.match(String(headers['content-security-policy']), /script-src 'self'/, path);
      assert.is(headers['referrer-policy'], 'same-origin', path);
      assert.is(headers['strict-transport-security'], undefined, path);
    }
  }),
);

test('a relay serving TLS sends Strict-Transport-Security on every route', async () => {
  const certDir = mkdtempSync(join(tmpdir(), 'ltm-headers-tls-'));
  const certificate = await makeCertificate();
  const files = writeCertificate(certDir, certificate);
  const trust: TlsTrust = { ca: certificate.cert };
  try {
    await withRelayService({ tlsCertFile: files.certFile, tlsKeyFile: files.keyFile }, async (service) => {
      for (const [method, path] of [...NON_PAGES, ...PAGES.map((page) => ['GET', page] as const)]) {
        const { headers } = await httpsRequest(service.relay.httpUrl + path, trust, { method });
        assertBaseline(headers, `${method} ${path}`);
        assert.is(headers['strict-transport-security'], `max-age=${HSTS_MAX_AGE_SEC}`, `${method} ${path}`);
      }
    });
  } finally {
    rmSync(certDir, { recursive: true, force: true });
  }
});

test('behind a proxy with an https:// public URL the relay sends Strict-Transport-Security too', () =>
  withRelayService({ publicUrl: 'https://relay.example' }, async (service) => {
    for (const [method, path] of [...NON_PAGES, ['GET', '/account'] as const]) {
      const headers = await plainHeaders(service.relay.httpUrl, method, path);
      assert.is(headers['strict-transport-security'], `max-age=${HSTS_MAX_AGE_SEC}`, `${method} ${path}`);
    }
  }),
);

test.run();
