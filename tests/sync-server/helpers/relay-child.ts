// A relay process built exactly as sync-server/main.ts builds one (startRelayService), but with config overrides passed as one JSON argument, for scenarios the
// CLI has no flags for (relaxed rate limits for the fuzzer and the load generator, a long unload
// grace for memory figures); a second JSON argument overrides the website's settings, and a third
// (ChildParts) puts its documents on PostgreSQL behind the test gate, so several such processes
// form one service (the multi-node crash and proxy tests). Over IPC it answers {type:'gc'} with a GC'd memory reading (needs
// --expose-gc). SIGTERM closes gracefully, like the CLI. Starts only when run as a script: the
// unit-test runner imports every file under tests/.
import { pathToFileURL } from 'node:url';
import { resolveConfig, type RelayConfig } from '../../../sync-server/config.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startRelayService, type RelayServiceOptions } from '../../../sync-server/relay-service.ts';
import { PostgresDocumentStore } from '../../../sync-server/relay/storage/postgres-document-store.ts';
import { PostgresUpdateFeed } from '../../../sync-server/relay/storage/postgres-update-feed.ts';
import type { WebsiteConfig } from '../../../sync-server/web/website/website-config.ts';
import { TokenRoleGate } from './token-role-gate.ts';

export interface ChildParts {
  /** Documents in this PostgreSQL database (store and feed), shared with other processes. */
  readonly postgresUrl?: string;
  readonly postgresPoolSize?: number;
  /** The stateless TokenRoleGate instead of accounts in this node's own SQLite file, so a token
   *  works on every node. */
  readonly testGate?: boolean;
}

async function partsFor(parts: ChildParts, logger: ReturnType<typeof createLogger>): Promise<Partial<RelayServiceOptions>> {
  const gate = parts.testGate ? { gate: new TokenRoleGate() } : {};
  if (parts.postgresUrl === undefined) return gate;
  const store = await PostgresDocumentStore.open(parts.postgresUrl, parts.postgresPoolSize);
  return { ...gate, store, feed: new PostgresUpdateFeed(parts.postgresUrl, logger) };
}

async function main(overrides: Partial<RelayConfig>, website: Partial<WebsiteConfig>, parts: ChildParts): Promise<void> {
  const config = resolveConfig(overrides);
  const logger = createLogger(config.logLevel);
  const starting = partsFor(parts, logger).then((given) => startRelayService(config, { logger, website, ...given }));
  // Before the start: the relay logs its own "relay listening" line, on which a parent may stop it at once.
  process.once('SIGTERM', () => {
    void (async () => {
      await (await starting).close();
      process.exit(0);
    })();
  });
  const service = await starting;
  const { relay } = service;
  // Written directly (not through the logger) so the parent finds it whatever the log level.
  process.stdout.write(`${JSON.stringify({ msg: 'relay listening', port: relay.port })}\n`);

  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'gc') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < 3; i++) gc?.();
    process.send?.({ type: 'memory', memory: process.memoryUsage() });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [overrides = '{}', website = '{}', parts = '{}'] = process.argv.slice(2);
  await main(JSON.parse(overrides) as Partial<RelayConfig>, JSON.parse(website) as Partial<WebsiteConfig>, JSON.parse(parts) as ChildParts);
}
