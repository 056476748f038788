// A real relay as the CLI builds it (startRelayService: port 0, SQLite in a temp dir, access
// control, website and account page), configured with OpenID sign-in against
// real test providers, and every log line it writes kept for the test to read. The providers
// listen first (their issuer URLs go into the relay's config); their client is registered with
// the relay's callback URLs once the relay's port is known.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../../../sync-server/config.ts';
import { createLogger } from '../../../../sync-server/logger.ts';
import { startRelayService } from '../../../../sync-server/relay-service.ts';
import type { Relay } from '../../../../sync-server/relay/relay.ts';
import type { SqliteDatabase } from '../../../../sync-server/relay/storage/sqlite-database.ts';
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
  /** Providers whose issuer the relay is told differently from what the provider says it is. */
  readonly misnamedIssuers?: readonly string[];
  /** Extensions whose chromiumapp.org redirect is allowed; EXTENSION_ID by default. */
  readonly extensionIds?: readonly string[];
}

export async function startOidcHarness(options: OidcHarnessOptions = {}): Promise<OidcHarness> {
  const names = options.names ?? ['test'];
  const providers: Record<string, TestProvider> = {};
  for (const name of names) providers[name] = await startTestProvider();
  const dataDir = mkdtempSync(join(tmpdir(), 'ltm-oidc-'));
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const oidcProviders = Object.fromEntries(
    Object.entries(providers).map(([name, p]) => {
      const issuer = options.misnamedIssuers?.includes(name) ? p.issuer.replace('127.0.0.1', 'localhost') : p.issuer;
      return [name, { issuer, ...TEST_CLIENT, label: `Test ${name}` }];
    }),
  );
  const config = resolveConfig({ port: 0, host: '127.0.0.1', dataDir, oidcProviders, allowInsecureOidc: true, extensionIds: options.extensionIds ?? [EXTENSION_ID] });
  const service = await startRelayService(config, {
    logger,
    access: { ...testConfig, oidcPerIp: { max: 10_000, windowMs: 60_000 }, signInPerIp: { max: 10_000, windowMs: 60_000 } },
  });
  const started = service.relay;
  for (const [name, provider] of Object.entries(providers)) provider.register([started.httpUrl + OidcRoutes.callback(name)]);

  return {
    relay: started,
    db: service.db!,
    api: apiClient(started.httpUrl),
    logs,
    providers,
    startUrl(provider, params) {
      return `${started.httpUrl}${OidcRoutes.start(provider)}?${new URLSearchParams({ code_challenge_method: 'S256', ...params })}`;
    },
    async close() {
      await service.close();
      for (const provider of Object.values(providers)) await provider.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
