// A room's presence (y-protocols awareness) on the relay: it holds the states the room's sockets
// announce and hands every change to `broadcast`. The relay itself has no state.
// Invariant: memory is bounded by the sockets and the caps, not by what they send. y-protocols
// keeps a meta entry (clock) for every client id it has ever seen, null states included, so:
// - a socket owns the first client ids it announces (at most MAX_IDS_PER_CONNECTION, and the room
//   at most MAX_IDS_PER_ROOM); entries for ids it does not own are dropped before y-protocols
//   sees them (stock clients echo other clients' states back: those are dropped silently);
// - one state is at most `maxStateBytes` (the room refuses a bigger one with its own close code,
//   see `oversized`), and the states together at most `maxRoomBytes` (beyond it a new or grown
//   state is dropped and counted, like an id over the cap: presence degrades, editing does not);
// - a removed state's meta entry is deleted once its removal has been broadcast;
// - a leaving socket's states are removed for everyone and its ids and bytes freed.
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { encodeAwareness, encodeAwarenessEntries, type AwarenessEntry } from '../protocol/messages.ts';
import type { Connection } from '../transport/connection.ts';

/** A tab has one client id; a few more allow for a doc re-created in the same socket's life. */
export const MAX_IDS_PER_CONNECTION = 4;
export const MAX_IDS_PER_ROOM = 1024;

const NULL_STATE = 'null' as const;

interface AwarenessChange {
  readonly added: number[];
  readonly updated: number[];
  readonly removed: number[];
}

/** What became of an announcement: `overCap` counts entries refused for lack of room. */
export interface AwarenessOutcome {
  readonly overCap: number;
}

export interface AwarenessLimits {
  readonly maxStateBytes: number;
  readonly maxRoomBytes: number;
}

const stateBytes = (entry: AwarenessEntry): number => (entry.state === NULL_STATE ? 0 : Buffer.byteLength(entry.state));

export class RoomAwareness {
  // Its own tiny doc: the room's doc may be replaced when it is rebuilt from the store.
  readonly #awareness = new Awareness(new Y.Doc());
  readonly #owners = new Map<number, Connection>();
  readonly #owned = new Map<Connection, Set<number>>();
  /** Bytes of each held state, by client id, and their sum. */
  readonly #bytes = new Map<number, number>();
  #totalBytes = 0;
  readonly #limits: AwarenessLimits;
  /** The full answer, encoded once until a state changes: it may be the room's whole 1 MiB. */
  #answer: Uint8Array | null = null;

  constructor(limits: AwarenessLimits, broadcast: (message: Uint8Array) => void) {
    this.#limits = limits;
    this.#awareness.setLocalState(null);
    this.#awareness.on('update', (change: AwarenessChange) => {
      this.#answer = null;
      const changed = [...change.added, ...change.updated, ...change.removed];
      broadcast(encodeAwareness(encodeAwarenessUpdate(this.#awareness, changed)));
      for (const id of change.removed) {
        this.#awareness.meta.delete(id);
        this.#setBytes(id, 0);
      }
    });
  }

  /** States held (the relay's own never is one). */
  get stateCount(): number {
    return this.#awareness.getStates().size;
  }

  get totalBytes(): number {
    return this.#totalBytes;
  }

  /** True when one of the entries is a state over the per-state cap: the sender is refused. */
  oversized(entries: readonly AwarenessEntry[]): boolean {
    return entries.some((entry) => stateBytes(entry) > this.#limits.maxStateBytes);
  }

  /** Number of client ids y-protocols keeps anything for (the relay's own id included). */
  get metaSize(): number {
    return this.#awareness.meta.size;
  }

  apply(entries: readonly AwarenessEntry[], from: Connection): AwarenessOutcome {
    // A reply may run after its socket left (and its ids were freed): it must not claim new ones.
    if (!from.isOpen) return { overCap: 0 };
    const accepted: AwarenessEntry[] = [];
    let overCap = 0;
    let budget = this.#limits.maxRoomBytes - this.#totalBytes;
    for (const entry of entries) {
      const owner = this.#owners.get(entry.client);
      if (owner && owner !== from) continue;
      // y-protocols would ignore a state that is not newer; it must not change the count either.
      const known = this.#awareness.meta.get(entry.client)?.clock;
      if (known !== undefined && entry.clock <= known && entry.state !== NULL_STATE) continue;
      const growth = stateBytes(entry) - (this.#bytes.get(entry.client) ?? 0);
      if (growth > budget) overCap++;
      else if (owner === from || (entry.state !== NULL_STATE && this.#claim(entry.client, from))) {
        accepted.push(entry);
        budget -= growth;
      } else if (entry.state !== NULL_STATE) overCap++;
    }
    if (accepted.length === 0) return { overCap };
    applyAwarenessUpdate(this.#awareness, encodeAwarenessEntries(accepted), from);
    // Removals (null states) are counted by the update handler.
    for (const entry of accepted) if (entry.state !== NULL_STATE) this.#setBytes(entry.client, stateBytes(entry));
    return { overCap };
  }

  /** Every known state as one message, or null when nobody is present. */
  snapshot(): Uint8Array | null {
    return this.#awareness.getStates().size > 0 ? this.answer() : null;
  }

  /** The answer to a query-awareness message: the full state, possibly naming nobody. */
  answer(): Uint8Array {
    this.#answer ??= encodeAwareness(encodeAwarenessUpdate(this.#awareness, [...this.#awareness.getStates().keys()]));
    return this.#answer;
  }

  removeFor(conn: Connection): void {
    const ids = [...(this.#owned.get(conn) ?? [])];
    this.#owned.delete(conn);
    for (const id of ids) {
      this.#owners.delete(id);
      this.#setBytes(id, 0);
    }
    removeAwarenessStates(this.#awareness, ids, null);
    // Ids that never held a state (or already lost it) still have a meta entry.
    for (const id of ids) this.#awareness.meta.delete(id);
  }

  destroy(): void {
    this.#awareness.destroy();
  }

  #setBytes(id: number, bytes: number): void {
    this.#totalBytes += bytes - (this.#bytes.get(id) ?? 0);
    if (bytes > 0) this.#bytes.set(id, bytes);
    else this.#bytes.delete(id);
  }

  #claim(id: number, conn: Connection): boolean {
    const mine = this.#owned.get(conn) ?? new Set<number>();
    if (mine.size >= MAX_IDS_PER_CONNECTION || this.#owners.size >= MAX_IDS_PER_ROOM) return false;
    mine.add(id);
    this.#owned.set(conn, mine);
    this.#owners.set(id, conn);
    return true;
  }
}
