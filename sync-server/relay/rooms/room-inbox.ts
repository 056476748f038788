// A room's messages waiting for its serial queue, bounded in count and bytes: a room whose
// clients send faster than it commits refuses more (the caller closes the socket with 4503)
// instead of growing without limit. A batch cut short (a tainted doc is rebuilt first) goes back
// in front, in order.
import type { ClientMessage } from '../protocol/messages.ts';
import type { Connection } from '../transport/connection.ts';

export interface Inbound {
  readonly conn: Connection;
  readonly message: ClientMessage;
  readonly size: number;
  /** performance.now() at arrival, for the fan-out latency. */
  readonly receivedAt: number;
}

export interface InboxLimits {
  readonly maxQueuedMessagesPerRoom: number;
  readonly maxQueuedBytesPerRoom: number;
}

export class RoomInbox {
  readonly #limits: InboxLimits;
  #items: Inbound[] = [];
  #bytes = 0;

  constructor(limits: InboxLimits) {
    this.#limits = limits;
  }

  get size(): number {
    return this.#items.length;
  }

  /** False when the room already holds as much as it may: nothing was queued. */
  push(conn: Connection, message: ClientMessage, size: number): boolean {
    if (this.#items.length >= this.#limits.maxQueuedMessagesPerRoom || this.#bytes + size > this.#limits.maxQueuedBytesPerRoom) return false;
    this.#items.push({ conn, message, size, receivedAt: performance.now() });
    this.#bytes += size;
    return true;
  }

  /** Everything queued, in arrival order; the inbox is empty after. */
  takeAll(): Inbound[] {
    const items = this.#items;
    this.#items = [];
    this.#bytes = 0;
    return items;
  }

  /** Puts the unprocessed rest of a batch back in front of what arrived meanwhile. */
  putBack(rest: readonly Inbound[]): void {
    this.#items = [...rest, ...this.#items];
    this.#bytes += rest.reduce((sum, item) => sum + item.size, 0);
  }
}
