// The PostgreSQL UpdateFeed: one dedicated connection LISTENs on the channel the store NOTIFYs in
// its appending transaction (PostgreSQL delivers a notification only at commit). When that
// connection drops, it reconnects with capped exponential backoff and then asks every room to
// resync, since notifications sent while it was away are gone.
import pg from 'pg';
import type { Logger } from '../../logger.ts';
import { UPDATES_CHANNEL } from './postgres-document-store.ts';
import type { UpdateFeed, UpdateFeedListener } from './update-feed.ts';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

export function parseNotification(payload: string): { doc: string; seq: number } | null {
  const space = payload.indexOf(' ');
  const seq = Number(payload.slice(0, space));
  return space > 0 && Number.isSafeInteger(seq) ? { doc: payload.slice(space + 1), seq } : null;
}

export class PostgresUpdateFeed implements UpdateFeed {
  readonly #url: string;
  readonly #logger: Logger;
  #client: pg.Client | null = null;
  #listener: UpdateFeedListener | null = null;
  #closed = false;
  #retryMs = FIRST_RETRY_MS;
  #retryTimer: NodeJS.Timeout | null = null;

  constructor(url: string, logger: Logger) {
    this.#url = url;
    this.#logger = logger;
  }

  async start(listener: UpdateFeedListener): Promise<void> {
    this.#listener = listener;
    await this.#connect();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url });
    client.on('notification', (message) => {
      const parsed = message.payload === undefined ? null : parseNotification(message.payload);
      if (parsed) this.#listener?.committed(parsed.doc, parsed.seq);
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${UPDATES_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
    this.#retryMs = FIRST_RETRY_MS;
  }

  #lost(client: pg.Client, error: Error | null): void {
    if (this.#client !== client || this.#closed) return;
    this.#client = null;
    void client.end().catch(() => {});
    this.#logger.warn({ err: error?.message }, 'update feed lost its database connection; reconnecting');
    this.#retry();
  }

  #retry(): void {
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#closed) return;
      this.#connect().then(
        () => {
          this.#logger.info('update feed reconnected; rooms catch up');
          this.#listener?.resync();
        },
        () => {
          this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs * 2);
          this.#retry();
        },
      );
    }, this.#retryMs);
    this.#retryTimer.unref();
  }
}
