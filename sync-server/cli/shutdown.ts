// Graceful stop on SIGTERM or SIGINT (systemd, docker stop, Ctrl-C, npm passing the signal on):
// close once, exit 0 when everything flushed, 1 when closing failed. A second signal while
// closing changes nothing; the close is already under way.
import type { Logger } from '../logger.ts';

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export function onShutdown(logger: Pick<Logger, 'info' | 'fatal'>, close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await close();
      process.exit(0);
    } catch (error) {
      logger.fatal({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, () => void stop(signal));
}
