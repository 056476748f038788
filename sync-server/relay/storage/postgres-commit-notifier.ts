// Tells the other nodes about this node's commits: after a group commit, one NOTIFY per document
// on the updates channel, in a statement of its own. Such a transaction writes nothing to the WAL
// before its commit record, so PostgreSQL neither waits for an fsync nor holds its cluster-wide
// notify lock across one; a notify inside the appending transaction held that lock through the
// commit's fsync and so serialized the commits of every node.
// One statement is in flight at a time and later payloads are merged into the next, so this
// node's notifications go out in its commit order. A notification that is lost (the statement
// failed, or the node died after committing) loses no row: other nodes read by sequence number
// at the next notification of that document, and their sweep finds it (postgres-update-feed.ts).
import type pg from 'pg';
import type { Logger } from '../../logger.ts';
import { UPDATES_CHANNEL } from './commit-notification.ts';

const NOTIFY_ALL = {
  name: 'ltm_notify_commits',
  text: `SELECT pg_notify('${UPDATES_CHANNEL}', p) FROM unnest($1::text[]) WITH ORDINALITY AS n(p, i) ORDER BY i`,
} as const;

export class PostgresCommitNotifier {
  readonly #pool: pg.Pool;
  readonly #logger: Logger | null;
  #queued: string[] = [];
  #sending: Promise<void> | null = null;
  #failing = false;

  constructor(pool: pg.Pool, logger: Logger | null) {
    this.#pool = pool;
    this.#logger = logger;
  }

  notify(payloads: readonly string[]): void {
    if (payloads.length === 0) return;
    this.#queued.push(...payloads);
    this.#sending ??= this.#send();
  }

  /** Resolves once every notification asked for so far was sent or given up. */
  async settled(): Promise<void> {
    while (this.#sending) await this.#sending;
  }

  async #send(): Promise<void> {
    while (this.#queued.length > 0) {
      const payloads = this.#queued;
      this.#queued = [];
      try {
        await this.#pool.query({ ...NOTIFY_ALL, values: [payloads] });
        if (this.#failing) this.#logger?.info('commit notifications are sent again');
        this.#failing = false;
      } catch (error) {
        // Logged once per outage: while the database is away every commit fails as well.
        if (!this.#failing) this.#logger?.warn({ err: error instanceof Error ? error.message : String(error), lost: payloads.length }, 'commit notifications could not be sent; other nodes catch up by sequence number');
        this.#failing = true;
      }
    }
    this.#sending = null;
  }
}
