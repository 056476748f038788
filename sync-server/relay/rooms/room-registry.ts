// The rooms currently in memory, by document name. A retired room (unloaded or failed) removes
// itself; the next socket for that document gets a fresh room that loads from the store again.
import type { Connection } from '../transport/connection.ts';
import { Room, type JoinResult, type RoomDeps } from './room.ts';

export class RoomRegistry {
  readonly #rooms = new Map<string, Room>();
  readonly #deps: Omit<RoomDeps, 'onRetired'>;
  readonly #onCountChanged: (count: number) => void;

  constructor(deps: Omit<RoomDeps, 'onRetired'>, onCountChanged: (count: number) => void) {
    this.#deps = deps;
    this.#onCountChanged = onCountChanged;
  }

  get size(): number {
    return this.#rooms.size;
  }

  get(name: string): Room | undefined {
    return this.#rooms.get(name);
  }

  /** Every room in memory, for fan-out of store-wide events (a feed's resync). */
  all(): IterableIterator<Room> {
    return this.#rooms.values();
  }

  /** Joins the socket to its document's room, creating (and loading) the room if needed. */
  join(conn: Connection): { room: Room; result: Exclude<JoinResult, 'retired'> } {
    for (;;) {
      const room = this.#rooms.get(conn.doc) ?? this.#create(conn.doc);
      const result = room.join(conn);
      if (result !== 'retired') return { room, result };
      this.#rooms.delete(conn.doc);
    }
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.#rooms.values()].map((room) => room.shutdown()));
  }

  #create(name: string): Room {
    const room = new Room(name, {
      ...this.#deps,
      onRetired: (retired) => {
        if (this.#rooms.get(name) === retired) this.#rooms.delete(name);
        this.#onCountChanged(this.#rooms.size);
      },
    });
    this.#rooms.set(name, room);
    this.#deps.metrics.roomsLoaded.inc();
    this.#onCountChanged(this.#rooms.size);
    return room;
  }
}
