// One dedicated PostgreSQL connection that LISTENs on a channel and hands each payload on. When
// the connection drops it reconnects with capped exponential backoff, logging once when it is
// lost and once when it is back, and reports the reconnection, since notifications sent while it
// was away are gone (the caller decides how to catch up). The caller may also query on it.
import pg from 'pg';
import { postgresClient } from './postgres-pool.ts';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

export interface PostgresListenerOptions {
  readonly url: string;
  readonly channel: string;
  /** Named in the two log lines of an outage: 'update feed', 'revocation listener'. */
  readonly what: string;
  readonly logger: { warn(obj: object, msg: string): void; info(msg: string): void };
  readonly onPayload: (payload: string) => void;
  readonly onReconnected: () => void;
}

export class PostgresListener {
  readonly #options: PostgresListenerOptions;
  #client: pg.Client | null = null;
  #closed = false;
  #retryMs = FIRST_RETRY_MS;
  #retryTimer: NodeJS.Timeout | null = null;

  constructor(options: PostgresListenerOptions) {
    this.#options = options;
  }

  /** Resolves once LISTEN is in place; rejects when the first connection fails. */
  start(): Promise<void> {
    return this.#connect();
  }

  /** Runs a query on the listening connection (it is idle between notifications); null while
   *  the connection is being re-established. */
  async query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R[] | null> {
    const client = this.#client;
    if (!client) return null;
    return (await client.query<R>(text, values)).rows;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    const client = postgresClient(this.#options.url);
    client.on('notification', (message) => {
      if (message.payload !== undefined) this.#options.onPayload(message.payload);
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.#options.channel)}`);
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
    this.#options.logger.warn({ err: error?.message }, `${this.#options.what} lost its database connection; reconnecting`);
    this.#retry();
  }

  #retry(): void {
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#closed) return;
      this.#connect().then(
        () => {
          this.#options.logger.info(`${this.#options.what} reconnected`);
          this.#options.onReconnected();
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
