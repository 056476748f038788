// A document handle's sync status as a reactive value, for the always-visible SyncBadge.
import { createSubscriber } from 'svelte/reactivity';
import type { SyncStatus } from './component-types.ts';

export interface StatusSource {
  status(): SyncStatus;
  onStatus(cb: (status: SyncStatus) => void): () => void;
}

export class LiveStatus {
  readonly #subscribe: () => void;
  readonly #source: StatusSource;

  constructor(source: StatusSource) {
    this.#source = source;
    this.#subscribe = createSubscriber((update) => source.onStatus(update));
  }

  get current(): SyncStatus {
    this.#subscribe();
    return this.#source.status();
  }
}
