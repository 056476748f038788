// How a room keeps up with the rows other nodes commit to its document: what it has applied
// (applied-sequence.ts), what the feed announced (heard-commits.ts), and the catch-up that applies
// announced rows in sequence and reads the store only for a gap: a row too big for its
// notification, several rows in one commit, or a notification missed or out of order. The room
// runs the catch-up on its serial queue; this module holds no socket and no doc.
import type { DocumentStore } from '../storage/document-store.ts';
import { AppliedSequence } from './applied-sequence.ts';
import { HeardCommits } from './heard-commits.ts';

/** Where caught-up rows go: into the doc and out to the room's sockets. */
export type ApplyRow = (update: Uint8Array) => void;

export class RoomCatchUp {
  readonly #doc: string;
  readonly #store: DocumentStore;
  readonly #applied = new AppliedSequence();
  readonly #heard = new HeardCommits();

  constructor(doc: string, store: DocumentStore) {
    this.#doc = doc;
    this.#store = store;
  }

  /** Every stored row up to here is in the doc; compaction may replace rows only up to here. */
  get applied(): number {
    return this.#applied.value;
  }

  /** After a (re)load: the doc holds every row up to lastSeq. */
  reset(lastSeq: number): void {
    this.#applied.reset(lastSeq);
  }

  /** The feed announced a commit up to `seq` (Infinity after a missed stretch); true when the
   *  room should run a catch-up. */
  heard(seq: number, update?: Uint8Array): boolean {
    if (seq <= this.#applied.value) return false;
    this.#heard.note(seq, update);
    return true;
  }

  /** This node committed a row at `seq`, already in the doc and broadcast. When other nodes'
   *  rows lie in between, the next notification of the document (theirs or this one, whichever
   *  arrives first) starts the catch-up that brings them. */
  committed(seq: number): void {
    if (!this.#applied.committed(seq)) this.#heard.expect(seq);
  }

  /** Applies what was announced, in sequence, reading the store for what was not carried. A
   *  failed read rejects; the room then fails. */
  async run(apply: ApplyRow): Promise<void> {
    this.#applyCarried(apply);
    if (this.#heard.missing(this.#applied.value)) {
      const heard = this.#heard.count;
      const rows = await this.#store.loadSince(this.#doc, this.#applied.value);
      for (const row of rows) this.#applyRow(row.seq, row.update, apply);
      this.#heard.read(heard, this.#applied.value);
      this.#applyCarried(apply);
    }
    this.#heard.forget(this.#applied.value);
    this.#applied.prune();
  }

  #applyCarried(apply: ApplyRow): void {
    for (;;) {
      this.#applied.skipOwn();
      const seq = this.#applied.value + 1;
      const update = this.#heard.take(seq);
      if (!update) return;
      this.#applyRow(seq, update, apply);
    }
  }

  /** One committed row in sequence: applied unless it is this node's own. */
  #applyRow(seq: number, update: Uint8Array, apply: ApplyRow): void {
    if (!this.#applied.take(seq)) apply(update);
  }
}
