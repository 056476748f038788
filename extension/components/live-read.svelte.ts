// A read model over a Y.Doc for Svelte views: effects that read `current` re-run after every
// change to the document while they are mounted.
import type * as Y from 'yjs';
import { createSubscriber } from 'svelte/reactivity';
import { DocRead } from '../live/doc-read.ts';

export class LiveRead<T> extends DocRead<T> {
  constructor(doc: Y.Doc, read: (doc: Y.Doc) => T) {
    super(doc, read, createSubscriber);
  }
}
