// A relay process built exactly as sync-server/main.ts builds one (startRelayService), but with
// config overrides passed as one JSON argument, for scenarios the CLI has no flags for (relaxed
// rate limits for the fuzzer and the load generator, a long unload grace for memory figures); a
// second JSON argument overrides the website's settings. Several such processes given one
// `databaseUrl` form one service, as relays started with --database-url do. Over IPC it answers
// {type:'gc'} with a GC'd memory reading (needs --expose-gc). SIGTERM closes gracefully, like the CLI. Starts only when run as a script: the
// unit-test runner imports every file under tests/.
import { pathToFileURL } from 'node:url';
import { resolveConfig, type RelayConfig } from '../../../sync-server/config.ts';
import { createLogger } from '../../../sync-server/logger.ts';
import { startRelayService } from '../../../sync-server/relay-service.ts';
import type { WebsiteConfig } from '../../../sync-server/web/website/website-config.ts';

async function main(overrides: Partial<RelayConfig>, website: Partial<WebsiteConfig>): Promise<void> {
  const config = resolveConfig(overrides);
  const logger = createLogger(config.logLevel);
  const starting = startRelayService(config, { logger, website });
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
  const [overrides = '{}', website = '{}'] = process.argv.slice(2);
  await main(JSON.parse(overrides) as Partial<RelayConfig>, JSON.parse(website) as Partial<WebsiteConfig>);
}
