// A real relay (port 0, SQLite in a temp dir, real access control) with OpenID sign-in against
// real test providers, and every log line it writes kept for the test to read. The providers
// listen first (their issuer URLs go into the relay's config); their client is registered with
// the relay's callback URLs once the relay's port is known.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../../../sync-server/config.ts';
import { createLogger } from '../../../../sync-server/logger.ts';
import { startRelay, type Relay } from '../../../../sync-server/relay/relay.ts';
import { databasePath, openDatabase, type SqliteDatabase } from '../../../../sync-server/relay/storage/sqlite-database.ts';
import { SqliteDocumentStore } from '../../../../sync-server/relay/storage/sqlite-document-store.ts';
import type { HttpFallback } from '../../../../sync-server/relay/transport/http-routes.ts';
import { createAccessGate } from '../../../../sync-server/web/access/create-access-gate.ts';
import { OidcRoutes } from '../../../../wire/oidc-sign-in.ts';
import { apiClient, testConfig, type ApiCall } from '../access/access-harness.ts';
import { startTestProvider, TEST_CLIENT, type TestProvider } from './test-provider.ts';

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXTENSION_REDIRECT = `https://${EXTENSION_ID}.chromiumapp.org/oidc`;

export interface OidcHarness {
  readonly relay: Relay;
  readonly db: SqliteDatabase;
  readonly api: ApiCall;
  readonly logs: string[];
  /** The test providers by the name the relay knows them as. */
  readonly providers: Readonly<Record<string, TestProvider>>;
  startUrl(provider: string, params: Record<string, string>): string;
  close(): Promise<void>;
}

export interface OidcHarnessOptions {
  /** Provider names; each gets its own real provider. Default: one named "test". */
  readonly names?: readonly string[];
  readonly httpFallback?: HttpFallback;
  /** Providers whose issuer the relay is told differently from what the provider says it is. */
  readonly misnamedIssuers?: readonly string[];
}

export async function startOidcHarness(options: OidcHarnessOptions = {}): Promise<OidcHarness> {
  const names = options.names ?? ['test'];
  const providers: Record<string, TestProvider> = {};
  for (const name of names) providers[name] = await startTestProvider();
  const dataDir = mkdtempSync(join(tmpdir(), 'ltm-oidc-'));
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const config = resolveConfig({ port: 0, host: '127.0.0.1', dataDir });
  const db = openDatabase(databasePath(dataDir));
  const store = new SqliteDocumentStore(db);
  let relay: Relay | null = null;
  const oidcProviders = Object.fromEntries(
    Object.entries(providers).map(([name, p]) => {
      const issuer = options.misnamedIssuers?.includes(name) ? p.issuer.replace('127.0.0.1', 'localhost') : p.issuer;
      return [name, { issuer, ...TEST_CLIENT, label: `Test ${name}` }];
    }),
  );
  const gate = createAccessGate({
    db,
    dataDir,
    store,
    config: { ...testConfig, oidcPerIp: { max: 10_000, windowMs: 60_000 }, signInPerIp: { max: 10_000, windowMs: 60_000 } },
    logger,
    oidc: { providers: oidcProviders, allowInsecure: true, extensionIds: [EXTENSION_ID], ownUrl: () => relay?.httpUrl ?? '' },
  });
  relay = await startRelay(config, { access: gate, logger, store, ...(options.httpFallback ? { httpFallback: options.httpFallback } : {}) });
  const started = relay;
  for (const [name, provider] of Object.entries(providers)) provider.register([started.httpUrl + OidcRoutes.callback(name)]);

  return {
    relay: started,
    db,
    api: apiClient(started.httpUrl),
    logs,
    providers,
    startUrl(provider, params) {
      return `${started.httpUrl}${OidcRoutes.start(provider)}?${new URLSearchParams({ code_challenge_method: 'S256', ...params })}`;
    },
    async close() {
      await started.close();
      gate.close();
      db.close();
      for (const provider of Object.values(providers)) await provider.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
