// Who may read /metrics: with a metrics token configured, only a request that carries it as a
// bearer token (compared as every secret of the relay is: secure-compare.ts); without one,
// anyone who reaches the relay. A relay that listens beyond loopback without a token says so
// once at start: the counts tell a stranger how busy it is and what it refuses. Refusals are
// logged at most once a minute, with how many there were, so a flood cannot fill the log.
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../logger.ts';
import { secretsEqual } from '../../secure-compare.ts';

const BEARER = /^bearer +(\S+)\s*$/i;
const REFUSAL_LOG_INTERVAL_MS = 60_000;

function isLoopback(host: string): boolean {
  const address = host.replace(/^::ffff:/i, '');
  return address === 'localhost' || address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address);
}

export class MetricsAccess {
  readonly #token: string | null;
  #lastLoggedAt = Number.NEGATIVE_INFINITY;
  #unlogged = 0;

  constructor(token: string | null) {
    this.#token = token;
  }

  allows(req: IncomingMessage): boolean {
    if (this.#token === null) return true;
    const offered = BEARER.exec(req.headers.authorization ?? '')?.[1];
    return offered !== undefined && secretsEqual(offered, this.#token);
  }

  /** Counts a refusal; logs the count at most once per interval. */
  refused(ip: string, logger: Pick<Logger, 'info'>, now = Date.now()): void {
    this.#unlogged += 1;
    if (now - this.#lastLoggedAt < REFUSAL_LOG_INTERVAL_MS) return;
    logger.info({ ip, refused: this.#unlogged }, 'a /metrics request without the metrics token was refused');
    this.#lastLoggedAt = now;
    this.#unlogged = 0;
  }

  /** Logs the open /metrics of a relay reachable from other machines. */
  warnIfOpen(host: string, logger: Pick<Logger, 'warn'>): void {
    if (this.#token !== null || isLoopback(host)) return;
    logger.warn({ host }, '/metrics is open to anyone who can reach the relay; set LTM_METRICS_TOKEN, or keep it behind the proxy');
  }
}
