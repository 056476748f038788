// A room's presence (y-protocols awareness) on the relay: it holds the states the room's sockets
// announce, remembers which socket announced which client id (so a leaving socket's states are
// removed for everyone), and hands every change to `broadcast`. The relay itself has no state.
import * as Y from 'yjs';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import { encodeAwareness } from '../protocol/messages.ts';
import type { Connection } from '../transport/connection.ts';

interface AwarenessChange {
  readonly added: number[];
  readonly updated: number[];
  readonly removed: number[];
}

export class RoomAwareness {
  // Its own tiny doc: the room's doc may be replaced when it is rebuilt from the store.
  readonly #awareness = new Awareness(new Y.Doc());
  readonly #owners = new Map<number, Connection>();

  constructor(broadcast: (message: Uint8Array) => void) {
    this.#awareness.setLocalState(null);
    this.#awareness.on('update', (change: AwarenessChange, origin: unknown) => {
      for (const id of change.added) if (origin) this.#owners.set(id, origin as Connection);
      for (const id of change.removed) this.#owners.delete(id);
      const changed = [...change.added, ...change.updated, ...change.removed];
      broadcast(encodeAwareness(encodeAwarenessUpdate(this.#awareness, changed)));
    });
  }

  apply(update: Uint8Array, from: Connection): void {
    applyAwarenessUpdate(this.#awareness, update, from);
  }

  /** Every known state as one message, or null when nobody is present. */
  snapshot(): Uint8Array | null {
    const clients = [...this.#awareness.getStates().keys()];
    return clients.length > 0 ? encodeAwareness(encodeAwarenessUpdate(this.#awareness, clients)) : null;
  }

  /** The answer to a query-awareness message: the full state, possibly naming nobody. */
  answer(): Uint8Array {
    return encodeAwareness(encodeAwarenessUpdate(this.#awareness, [...this.#awareness.getStates().keys()]));
  }

  removeFor(conn: Connection): void {
    const ids = [...this.#owners].filter(([, owner]) => owner === conn).map(([id]) => id);
    if (ids.length > 0) removeAwarenessStates(this.#awareness, ids, null);
  }

  destroy(): void {
    this.#awareness.destroy();
  }
}
