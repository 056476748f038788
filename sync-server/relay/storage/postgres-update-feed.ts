// The PostgreSQL UpdateFeed: one dedicated connection LISTENs on the channel the store NOTIFYs in
// its appending transaction (PostgreSQL delivers a notification only at commit, and in commit
// order); a notification may carry the committed row itself. When that
// connection drops, it reconnects with capped exponential backoff and then asks every room to
// resync, since notifications sent while it was away are gone (postgres-listener.ts).
import type { Logger } from '../../logger.ts';
import { UPDATES_CHANNEL } from './postgres-append-function.ts';
import { PostgresListener } from '../../postgres/postgres-listener.ts';
import type { UpdateFeed, UpdateFeedListener } from './update-feed.ts';

export interface CommitNotification {
  readonly doc: string;
  readonly seq: number;
  /** The committed row, when the notification carried it (one row that fits the payload). */
  readonly update?: Uint8Array;
}

/** `<seq> <doc>[ <base64 row>]` (postgres-append-function.ts); null for anything else. */
export function parseNotification(payload: string): CommitNotification | null {
  const [seqText, doc, data] = payload.split(' ');
  const seq = Number(seqText);
  if (!doc || !Number.isSafeInteger(seq)) return null;
  if (data === undefined) return { doc, seq };
  const bytes = Buffer.from(data, 'base64');
  return { doc, seq, update: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
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
        if (parsed) listener.committed(parsed.doc, parsed.seq, parsed.update);
      },
      onReconnected: () => listener.resync(),
    });
    await this.#listener.start();
  }

  async close(): Promise<void> {
    await this.#listener?.close();
  }
}
