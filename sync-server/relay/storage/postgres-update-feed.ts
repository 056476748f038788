// The PostgreSQL UpdateFeed: one dedicated connection LISTENs on the channel on which every node
// notifies its commits once they are durable (postgres-commit-notifier.ts); a notification may
// carry the committed row itself. When that connection drops, it reconnects with capped
// exponential backoff and then asks every room to resync, since notifications sent while it was
// away are gone (postgres-listener.ts).
// A notification can also be lost while the connection holds: the committing node died between
// its commit and its notify, or the notify failed. So the feed sweeps: every few seconds it reads
// the last sequence number of each loaded document (one index probe each) and reports it, and a
// room that is behind reads the rows it lacks. A missed notification thus delays an update by at
// most one sweep interval. The relay sweeps through a pool, not the listening connection: the
// server holds notifications back while that connection runs a query, and a sweep of thousands
// of rooms would delay every one of them.
import type pg from 'pg';
import type { Logger } from '../../logger.ts';
import { parseNotification, UPDATES_CHANNEL } from './commit-notification.ts';
import { PostgresListener } from '../../postgres/postgres-listener.ts';
import type { UpdateFeed, UpdateFeedListener } from './update-feed.ts';

export const DEFAULT_SWEEP_INTERVAL_MS = 5_000;

const LAST_SEQS = `
  SELECT d.doc, (SELECT max(u.seq) FROM ltm_updates u WHERE u.doc = d.doc) AS seq
  FROM unnest($1::text[]) AS d(doc)`;

interface LastSeq {
  readonly doc: string;
  readonly seq: number | null;
}

export interface PostgresUpdateFeedOptions {
  /** How often loaded documents are checked for commits no notification announced. */
  readonly sweepIntervalMs?: number;
  /** Where the sweep queries; without one, the listening connection between notifications. */
  readonly sweepPool?: Pick<pg.Pool, 'query'>;
}

export class PostgresUpdateFeed implements UpdateFeed {
  readonly #url: string;
  readonly #logger: Logger;
  readonly #sweepIntervalMs: number;
  readonly #sweepPool: Pick<pg.Pool, 'query'> | null;
  #listener: PostgresListener | null = null;
  #sweepTimer: NodeJS.Timeout | null = null;
  #sweeping = false;

  constructor(url: string, logger: Logger, options: PostgresUpdateFeedOptions = {}) {
    this.#url = url;
    this.#logger = logger;
    this.#sweepIntervalMs = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    this.#sweepPool = options.sweepPool ?? null;
  }

  async start(listener: UpdateFeedListener): Promise<void> {
    this.#listener = new PostgresListener({
      url: this.#url,
      channel: UPDATES_CHANNEL,
      what: 'update feed',
      logger: this.#logger,
      onPayload: (payload) => {
        const parsed = parseNotification(payload);
        if (parsed) listener.committed(parsed.doc, parsed.seq, parsed.update);
      },
      onReconnected: () => listener.resync(),
    });
    await this.#listener.start();
    this.#sweepTimer = setInterval(() => void this.#sweep(listener), this.#sweepIntervalMs);
    this.#sweepTimer.unref();
  }

  async close(): Promise<void> {
    if (this.#sweepTimer) clearInterval(this.#sweepTimer);
    await this.#listener?.close();
  }

  async #sweep(listener: UpdateFeedListener): Promise<void> {
    const docs = listener.loaded();
    if (this.#sweeping || docs.length === 0 || !this.#listener) return;
    this.#sweeping = true;
    try {
      const rows = this.#sweepPool
        ? (await this.#sweepPool.query<LastSeq>(LAST_SEQS, [docs])).rows
        : await this.#listener.query<LastSeq>(LAST_SEQS, [docs]);
      for (const row of rows ?? []) if (row.seq !== null) listener.committed(row.doc, row.seq);
    } catch (error) {
      // A dropped connection is the listener's to report and resync; anything else waits a sweep.
      this.#logger.debug({ err: error instanceof Error ? error.message : String(error) }, 'update feed sweep failed');
    } finally {
      this.#sweeping = false;
    }
  }
}
