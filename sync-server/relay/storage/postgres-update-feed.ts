// The PostgreSQL UpdateFeed: one dedicated connection LISTENs on the channel the store NOTIFYs in
// its appending transaction (PostgreSQL delivers a notification only at commit). When that
// connection drops, it reconnects with capped exponential backoff and then asks every room to
// resync, since notifications sent while it was away are gone (postgres-listener.ts).
import type { Logger } from '../../logger.ts';
import { UPDATES_CHANNEL } from './postgres-append-function.ts';
import { PostgresListener } from '../../postgres/postgres-listener.ts';
import type { UpdateFeed, UpdateFeedListener } from './update-feed.ts';

export function parseNotification(payload: string): { doc: string; seq: number } | null {
  const space = payload.indexOf(' ');
  const seq = Number(payload.slice(0, space));
  return space > 0 && Number.isSafeInteger(seq) ? { doc: payload.slice(space + 1), seq } : null;
}

export class PostgresUpdateFeed implements UpdateFeed {
  readonly #url: string;
  readonly #logger: Logger;
  #listener: PostgresListener | null = null;

  constructor(url: string, logger: Logger) {
    this.#url = url;
    this.#logger = logger;
  }

  async start(listener: UpdateFeedListener): Promise<void> {
    this.#listener = new PostgresListener({
      url: this.#url,
      channel: UPDATES_CHANNEL,
      what: 'update feed',
      logger: this.#logger,
      onPayload: (payload) => {
        const parsed = parseNotification(payload);
        if (parsed) listener.committed(parsed.doc, parsed.seq);
      },
      onReconnected: () => listener.resync(),
    });
    await this.#listener.start();
  }

  async close(): Promise<void> {
    await this.#listener?.close();
  }
}
