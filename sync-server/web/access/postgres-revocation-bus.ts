// The RevocationBus on PostgreSQL: NOTIFY on `ltm_revocations` to publish (sent after the revoking
// transaction committed), and one dedicated connection that LISTENs. A notice is JSON naming the
// node that sent it, so a node skips its own (it already acted locally); a long list of documents
// is split over several notifications, under PostgreSQL's 8000-byte payload limit. A dropped
// LISTEN connection reconnects with backoff, logged once per outage (postgres-listener.ts).
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { PostgresListener } from '../../postgres/postgres-listener.ts';
import type { AccessLogger } from './access-context.ts';
import type { RevocationBus, RevocationNotice } from './revocation-bus.ts';

export const REVOCATIONS_CHANNEL = 'ltm_revocations' as const;
const MAX_PAYLOAD_CHARS = 7000;

interface Wire {
  readonly n: string;
  readonly k: readonly string[];
  readonly d: readonly string[];
}

/** The notice as payloads that each fit one notification (ids and doc names are ASCII). */
export function noticePayloads(node: string, notice: RevocationNotice): string[] {
  const payloads: string[] = [];
  let docs: string[] = [];
  let size = 0;
  const flush = (keys: readonly string[]) => {
    payloads.push(JSON.stringify({ n: node, k: keys, d: docs } satisfies Wire));
    docs = [];
    size = 0;
  };
  for (const doc of notice.deletingDocs) {
    if (size + doc.length + 3 > MAX_PAYLOAD_CHARS) flush([]);
    docs.push(doc);
    size += doc.length + 3;
  }
  flush(notice.keys);
  return payloads;
}

export class PostgresRevocationBus implements RevocationBus {
  readonly #node = randomBytes(9).toString('base64url');
  readonly #handlers = new Set<(notice: RevocationNotice) => void>();
  readonly #missed = new Set<() => void>();
  readonly #pool: pg.Pool;
  readonly #logger: AccessLogger;
  readonly #listener: PostgresListener;

  private constructor(pool: pg.Pool, url: string, logger: AccessLogger) {
    this.#pool = pool;
    this.#logger = logger;
    this.#listener = new PostgresListener({
      url,
      channel: REVOCATIONS_CHANNEL,
      what: 'revocation listener',
      logger,
      onPayload: (payload) => this.#deliver(payload),
      // Notices sent during the outage are gone: whoever listens re-checks what they protect.
      onReconnected: () => {
        for (const handler of this.#missed) handler();
      },
    });
  }

  /** Publishes through `pool`; LISTENs on a connection of its own, open before this resolves. */
  static async start(pool: pg.Pool, url: string, logger: AccessLogger): Promise<PostgresRevocationBus> {
    const bus = new PostgresRevocationBus(pool, url, logger);
    await bus.#listener.start();
    return bus;
  }

  async publish(notice: RevocationNotice): Promise<void> {
    // One statement, so the notifications are delivered in this order.
    await this.#pool.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) WITH ORDINALITY AS p(payload, i) ORDER BY i', [
      REVOCATIONS_CHANNEL,
      noticePayloads(this.#node, notice),
    ]);
  }

  onNotice(handler: (notice: RevocationNotice) => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  onMissed(handler: () => void): () => void {
    this.#missed.add(handler);
    return () => this.#missed.delete(handler);
  }

  async close(): Promise<void> {
    this.#handlers.clear();
    this.#missed.clear();
    await this.#listener.close();
  }

  #deliver(payload: string): void {
    let wire: Wire;
    try {
      wire = JSON.parse(payload) as Wire;
    } catch {
      this.#logger.warn('a revocation notice could not be read; ignored');
      return;
    }
    if (wire.n === this.#node || !Array.isArray(wire.k) || !Array.isArray(wire.d)) return;
    for (const handler of this.#handlers) handler({ keys: wire.k, deletingDocs: wire.d });
  }
}
