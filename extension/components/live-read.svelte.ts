// Turns a Y.Doc into a reactive read model: `current` recomputes the read function only after
// the document changed, and effects that read it re-run on every change while they are mounted.
import type * as Y from 'yjs';
import { createSubscriber } from 'svelte/reactivity';

export class LiveRead<T> {
  #cache: T | undefined;
  #stale = true;
  readonly #subscribe: () => void;
  readonly #doc: Y.Doc;
  readonly #read: (doc: Y.Doc) => T;
  readonly #markStale = (): void => {
    this.#stale = true;
  };

  constructor(doc: Y.Doc, read: (doc: Y.Doc) => T) {
    this.#doc = doc;
    this.#read = read;
    doc.on('update', this.#markStale);
    this.#subscribe = createSubscriber((update) => {
      doc.on('update', update);
      return () => doc.off('update', update);
    });
  }

  get current(): T {
    this.#subscribe();
    if (this.#stale || this.#cache === undefined) {
      this.#cache = this.#read(this.#doc);
      this.#stale = false;
    }
    return this.#cache;
  }

  destroy(): void {
    this.#doc.off('update', this.#markStale);
  }
}
