// A read model over a Y.Doc, recomputed only after the document changed. Whoever reads `current`
// can be subscribed to changes through a `Track` hook: Svelte contexts pass `createSubscriber`,
// so effects re-run on every change; the service worker passes nothing and reads on demand.
import type * as Y from 'yjs';
import { onDocChange } from './doc-change.ts';

/** Svelte's `createSubscriber` shape: start listening on first read inside an effect. */
export type Track = (start: (update: () => void) => () => void) => () => void;

export const untracked: Track = () => () => undefined;

export class DocRead<T> {
  #cache: T | undefined;
  #stale = true;
  readonly #subscribe: () => void;
  readonly #doc: Y.Doc;
  readonly #read: (doc: Y.Doc) => T;
  readonly #stopMarking: () => void;

  constructor(doc: Y.Doc, read: (doc: Y.Doc) => T, track: Track = untracked) {
    this.#doc = doc;
    this.#read = read;
    this.#stopMarking = onDocChange(doc, () => {
      this.#stale = true;
    });
    this.#subscribe = track((update) => onDocChange(doc, update));
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
    this.#stopMarking();
  }
}
