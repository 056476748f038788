// The relay's command line: `npm run relay -- --port 8787 --host 127.0.0.1 --data ./data`.
// Builds the relay service from flags and environment (relay-service.ts) and logs one JSON line
// with the bound port. SIGTERM/SIGINT: stop accepting, flush, close, exit 0.
// With --tls-cert/--tls-key it serves HTTPS/WSS, and SIGHUP re-reads both files (a renewal takes
// effect for new connections without a restart; a bad file is logged and the old one kept).
import { loadServiceConfig } from './env.ts';
import { createLogger } from './logger.ts';
import { startRelayService } from './relay-service.ts';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const RELOAD_SIGNAL = 'SIGHUP' as const;

async function main(): Promise<void> {
  const { relay: config, access: accessConfig, website: websiteConfig } = loadServiceConfig();
  const logger = createLogger(config.logLevel);
  const service = await startRelayService(config, { logger, access: accessConfig, website: websiteConfig });
  const { relay } = service;

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await service.close();
      process.exit(0);
    } catch (error) {
      logger.fatal({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, () => void stop(signal));
  if (config.tlsCertFile !== null) {
    process.on(RELOAD_SIGNAL, () => {
      try {
        relay.reloadTls();
      } catch (error) {
        logger.error({ err: error }, 'tls certificate reload failed; the previous certificate stays');
      }
    });
  }
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad flags): one JSON line on stderr either way.
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'relay failed to start', err: String(error) })}\n`);
  process.exit(1);
});
