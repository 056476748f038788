// Which stored rows a room's doc holds, when other nodes append to the same document: every row
// up to `value` is in the doc, and this node's own rows above it are remembered so a catch-up
// does not apply or broadcast them twice. Compaction may replace rows only up to `value`.
export class AppliedSequence {
  #value = 0;
  readonly #own = new Set<number>();

  get value(): number {
    return this.#value;
  }

  /** After a (re)load: the doc holds every row up to lastSeq. */
  reset(lastSeq: number): void {
    this.#value = lastSeq;
    this.#own.clear();
  }

  /** This node committed a row at seq; false when other nodes' rows lie in between (catch up). */
  committed(seq: number): boolean {
    if (seq === this.#value + 1) {
      this.#value = seq;
      return true;
    }
    this.#own.add(seq);
    return false;
  }

  /** A caught-up row; true when it is one of this node's own (already applied and broadcast). */
  take(seq: number): boolean {
    this.#value = seq;
    return this.#own.delete(seq);
  }

  /** Moves past this node's own rows that directly follow (they are in the doc already). */
  skipOwn(): void {
    while (this.#own.delete(this.#value + 1)) this.#value += 1;
  }

  /** Forgets own rows another node's compaction folded into a snapshot. */
  prune(): void {
    for (const seq of this.#own) if (seq <= this.#value) this.#own.delete(seq);
  }
}
