// What a room has heard of commits to its document from the update feed: the rows notifications
// carried, kept until they can be applied in sequence, and the highest sequence number heard, so
// a catch-up knows when it must read the store (a row not carried, a notification missed) and
// whether anything was heard while it read.
export class HeardCommits {
  readonly #rows = new Map<number, Uint8Array>();
  #highest = 0;
  #count = 0;

  /** A commit reached `seq`, with its row when the notification carried it. */
  note(seq: number, update?: Uint8Array): void {
    if (update) this.#rows.set(seq, update);
    this.#highest = Math.max(this.#highest, seq);
    this.#count += 1;
  }

  /** Rows up to `seq` exist though not all were heard yet (this node's commit past a gap). */
  expect(seq: number): void {
    this.#highest = Math.max(this.#highest, seq);
  }

  /** The carried row at `seq`, handed over once. */
  take(seq: number): Uint8Array | undefined {
    const update = this.#rows.get(seq);
    if (update) this.#rows.delete(seq);
    return update;
  }

  /** Whether rows after `applied` were heard of but are not at hand: a read is needed. */
  missing(applied: number): boolean {
    return applied < this.#highest;
  }

  /** Notifications heard so far; compared across a read of the store. */
  get count(): number {
    return this.#count;
  }

  /** After a read of the store: when nothing was heard during it, what it returned is the truth
   *  (this ends a resync's Infinity, and a deleted document's unreachable number). */
  read(countBefore: number, applied: number): void {
    if (this.#count === countBefore) this.#highest = applied;
  }

  /** Drops carried rows the room holds by now (read from the store, or its own). */
  forget(upto: number): void {
    for (const seq of this.#rows.keys()) if (seq <= upto) this.#rows.delete(seq);
  }
}
