// Group commit: appends requested during one event-loop turn, from any room, go to the store as
// one append (one transaction, one fsync). Each caller's promise settles when that commit does.
import type { AppendBatch, DocumentStore } from './document-store.ts';

interface Pending {
  readonly updates: Uint8Array[];
  readonly waiters: { resolve: (seq: number) => void; reject: (error: unknown) => void }[];
}

export class GroupCommit {
  readonly #store: DocumentStore;
  readonly #observeSeconds: (seconds: number) => void;
  readonly #outcome: (error: unknown | null) => void;
  #pending = new Map<string, Pending>();
  #scheduled = false;
  #inFlight: Promise<void> = Promise.resolve();

  /** `outcome` hears of every commit: null when it succeeded, else its error (readiness). */
  constructor(store: DocumentStore, observeSeconds: (seconds: number) => void = () => {}, outcome: (error: unknown | null) => void = () => {}) {
    this.#store = store;
    this.#observeSeconds = observeSeconds;
    this.#outcome = outcome;
  }

  append(doc: string, updates: readonly Uint8Array[]): Promise<number> {
    return new Promise((resolve, reject) => {
      let pending = this.#pending.get(doc);
      if (!pending) {
        pending = { updates: [], waiters: [] };
        this.#pending.set(doc, pending);
      }
      pending.updates.push(...updates);
      pending.waiters.push({ resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  /** Resolves once every append requested so far has been committed or has failed. */
  async drain(): Promise<void> {
    while (this.#scheduled || this.#pending.size > 0) await new Promise((r) => setImmediate(r));
    await this.#inFlight;
  }

  #flush(): void {
    this.#scheduled = false;
    const pending = this.#pending;
    this.#pending = new Map();
    const batches: AppendBatch[] = [...pending].map(([doc, p]) => ({ doc, updates: p.updates }));
    const started = performance.now();
    this.#inFlight = this.#store.append(batches).then(
      (seqs) => {
        this.#observeSeconds((performance.now() - started) / 1000);
        this.#outcome(null);
        for (const [doc, p] of pending) {
          const seq = seqs.get(doc) ?? 0;
          for (const waiter of p.waiters) waiter.resolve(seq);
        }
      },
      (error: unknown) => {
        this.#outcome(error);
        for (const p of pending.values()) for (const waiter of p.waiters) waiter.reject(error);
      },
    );
  }
}
