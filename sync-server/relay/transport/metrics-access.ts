// Who may read /metrics: with a metrics token configured, only a request that carries it as a
// bearer token (compared in constant time, by hash, so its length leaks nothing either); without
// one, anyone who reaches the relay. A relay that listens beyond loopback without a token says so
// once at start: the counts tell a stranger how busy it is and what it refuses.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../logger.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const BEARER = /^Bearer ([\x21-\x7e]+)$/;

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export class MetricsAccess {
  readonly #expected: Buffer | null;

  constructor(token: string | null) {
    this.#expected = token === null ? null : digest(token);
  }

  allows(req: IncomingMessage): boolean {
    if (this.#expected === null) return true;
    const offered = BEARER.exec(req.headers.authorization ?? '')?.[1];
    return offered !== undefined && timingSafeEqual(digest(offered), this.#expected);
  }

  /** Logs the open /metrics of a relay reachable from other machines. */
  warnIfOpen(host: string, logger: Pick<Logger, 'warn'>): void {
    if (this.#expected !== null || LOOPBACK_HOSTS.has(host)) return;
    logger.warn({ host }, '/metrics is open to anyone who can reach the relay; set LTM_METRICS_TOKEN, or keep it behind the proxy');
  }
}
