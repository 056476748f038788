// Serving: builds the relay service from flags and environment (relay-service.ts: the data
// directory is checked and migrated first), then prints where things are. SIGTERM/SIGINT: stop
// accepting, flush, close, exit 0. With --tls-cert/--tls-key it serves HTTPS/WSS, and SIGHUP
// re-reads both files (a bad renewal is logged and the old pair kept).
import { resolve } from 'node:path';
import { resolveConfig } from '../config.ts';
import { configFromEnvironment, websiteFromEnvironment } from '../env.ts';
import { createLogger } from '../logger.ts';
import { startRelayService } from '../relay-service.ts';
import { websiteDefaults } from '../web/website/website-config.ts';
import { onShutdown } from './shutdown.ts';
import { startupSummary } from './startup-summary.ts';

const RELOAD_SIGNAL = 'SIGHUP' as const;

export async function serve(args: readonly string[]): Promise<void> {
  const config = resolveConfig(configFromEnvironment(args));
  const logger = createLogger(config.logLevel);
  const website = websiteFromEnvironment();
  const service = await startRelayService(config, { logger, website });
  const { relay } = service;

  onShutdown(logger, () => service.close());
  if (config.tlsCertFile !== null) {
    process.on(RELOAD_SIGNAL, () => {
      try {
        relay.reloadTls();
      } catch (error) {
        logger.error({ err: error }, 'tls certificate reload failed; the previous certificate stays');
      }
    });
  }
  process.stderr.write(
    startupSummary({
      url: config.publicUrl ?? relay.httpUrl,
      dataDir: resolve(config.dataDir),
      website: { ...websiteDefaults, ...website },
      mailerKind: service.website.mailerKind,
    }),
  );
}
