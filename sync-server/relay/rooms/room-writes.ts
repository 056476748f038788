// A room's writes: applies a writer's update to the document, or refuses it (1007), or holds it
// when its dependencies have not reached the relay yet (typing right after a reconnect, before
// the client's sync step 2 arrives). Held updates wait per socket, bounded, and are retried
// whenever the document grows; a socket that leaves takes its held updates along, and nothing is
// ever held for a socket that is no longer open (the relay decided to close it, or it left).
// What an applied write commits is applyAndCollect's choice (apply-update.ts). At the document's
// size cap, a write that would do more than the cap allows (stored-log.ts) is refused with 4409
// before it is applied; deletions still apply there, since they are how a full document shrinks.
import type * as Y from 'yjs';
import { CloseCode } from '../../../wire/close-codes.ts';
import { SocketRefusal } from '../../../wire/socket-refusals.ts';
import type { Logger } from '../../logger.ts';
import { RejectReason, type RelayMetrics } from '../metrics.ts';
import type { Connection } from '../transport/connection.ts';
import { applyAndCollect, type ApplyOutcome, type ClientWrite } from './apply-update.ts';
import type { Growth } from './stored-log.ts';

/** Beyond these a socket is closed with 4529 (transient): its client reconnects and resyncs. */
export const MAX_HELD_UPDATES_PER_CONNECTION = 64;

export interface RoomWritesDeps {
  readonly doc: string;
  readonly logger: Logger;
  readonly metrics: RelayMetrics;
  readonly maxHeldBytesPerConnection: number;
}

export class RoomWrites {
  readonly #deps: RoomWritesDeps;
  readonly #held = new Map<Connection, ClientWrite[]>();

  constructor(deps: RoomWritesDeps) {
    this.#deps = deps;
  }

  /** `collected` receives what to commit; a refused update's share is taken back out. */
  apply(doc: Y.Doc, conn: Connection, write: ClientWrite, collected: Uint8Array[], growth: Growth): ApplyOutcome {
    const { metrics, logger } = this.#deps;
    const mark = collected.length;
    const outcome = applyAndCollect(doc, write, conn, collected, growth);
    if (outcome === 'applied') return outcome;
    if (outcome === 'full') {
      metrics.reject(RejectReason.documentFull);
      conn.close(CloseCode.documentFull, SocketRefusal.documentFull);
      return outcome;
    }
    if (outcome === 'waiting') {
      if (!conn.isOpen || this.#hold(conn, write)) return outcome;
      metrics.reject(RejectReason.heldUpdatesFull);
      conn.close(CloseCode.rateLimited, 'too many updates waiting for their dependencies');
      return outcome;
    }
    collected.length = mark;
    metrics.reject(RejectReason.badUpdate);
    logger.info({ doc: this.#deps.doc, conn: conn.id, outcome }, 'update rejected');
    conn.close(CloseCode.malformedData, 'update could not be applied');
    return outcome;
  }

  /** The doc grew: held updates whose dependencies arrived apply now. True if the doc is tainted. */
  retry(doc: Y.Doc, collected: Uint8Array[], growth: Growth, isMember: (conn: Connection) => boolean): boolean {
    for (let progress = true; progress && this.#held.size > 0; ) {
      const before = collected.length;
      const held = [...this.#held].flatMap(([conn, writes]) => writes.map((write) => ({ conn, write })));
      this.#held.clear();
      for (const [n, { conn, write }] of held.entries()) {
        if (!conn.isOpen || !isMember(conn)) continue;
        if (this.apply(doc, conn, write, collected, growth) !== 'tainted') continue;
        for (const rest of held.slice(n + 1)) this.#hold(rest.conn, rest.write);
        return true;
      }
      progress = collected.length > before;
    }
    return false;
  }

  drop(conn: Connection): void {
    this.#held.delete(conn);
  }

  clear(): void {
    this.#held.clear();
  }

  #hold(conn: Connection, write: ClientWrite): boolean {
    const held = this.#held.get(conn) ?? [];
    const bytes = held.reduce((sum, w) => sum + w.update.byteLength, write.update.byteLength);
    if (held.length >= MAX_HELD_UPDATES_PER_CONNECTION || bytes > this.#deps.maxHeldBytesPerConnection) return false;
    held.push(write);
    this.#held.set(conn, held);
    return true;
  }
}
