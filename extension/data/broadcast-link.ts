// Live exchange between the extension contexts of one profile (side panel, popup, options,
// background) that have the same document open: Yjs updates, awareness (who is here, cursors)
// and the sync status of the one context that holds the document's socket. IndexedDB alone
// would only converge on the next load; this makes an edit in the popup appear in the side panel
// at once, and lets every context but one follow the relay through the one that holds the socket.
// Joining sends a state vector; peers answer with what the joiner lacks plus their own vector,
// so both sides converge. A joiner that knows how many peers have the document open can wait for
// their answers: a document another context holds unstored (storage full) then opens whole.
import * as Y from 'yjs';
import { applyAwarenessUpdate, encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import type { SyncStatus } from './sync-status.ts';

type LinkMessage =
  // A join carries `join`, its answers name it in `answering`; an answer is not answered again.
  // `counted`: the answerer is one of the peers a join may wait for (markCounted).
  | { readonly kind: 'state-vector'; readonly from: string; readonly data: Uint8Array; readonly join: string }
  | { readonly kind: 'state-vector'; readonly from: string; readonly data: Uint8Array; readonly answering: string; readonly counted: boolean }
  | { readonly kind: 'update'; readonly from: string; readonly data: Uint8Array }
  | { readonly kind: 'awareness'; readonly from: string; readonly data: Uint8Array }
  | { readonly kind: 'status'; readonly from: string; readonly status: SyncStatus };

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

const CHANNEL_PREFIX = 'ltm-doc:' as const;
/** How long a join waits for peers that were counted but do not answer (a context closing). */
const PEER_ANSWER_MS = 1_000;

interface Join {
  readonly answered: Set<string>;
  readonly peers: number;
  readonly done: () => void;
}

export interface BroadcastLinkOptions {
  /** A peer joined: the socket holder tells it the status. */
  readonly onJoin?: () => void;
  /** The socket holder's status changed. */
  readonly onStatus?: (status: SyncStatus) => void;
  /** Updates from this origin are not posted: the IndexedDB load, whose content every peer
   *  already has or gets from the state-vector exchange that follows it. Posting it would copy
   *  the whole document to every open context at each open, and make each one apply it. */
  readonly unposted?: unknown;
}

export class BroadcastLink {
  private readonly channel: BroadcastChannel;
  private readonly id = crypto.randomUUID();
  private joins = 0;
  private readonly pending = new Map<string, Join>();
  private counted = false;
  private destroyed = false;

  constructor(
    private readonly doc: Y.Doc,
    name: string,
    private readonly awareness: Awareness | null = null,
    private readonly options: BroadcastLinkOptions = {},
  ) {
    this.channel = new BroadcastChannel(CHANNEL_PREFIX + name);
    this.channel.onmessage = (event: MessageEvent<LinkMessage>) => this.receive(event.data);
    doc.on('update', this.onUpdate);
    awareness?.on('update', this.onAwareness);
    void this.resync();
  }

  /**
   * Asks the peers again for anything missing (after the local IndexedDB state has loaded).
   * Resolves once `peers` counted peers (markCounted) have answered, their updates applied, or
   * after PEER_ANSWER_MS; at once when none are expected or the link is destroyed.
   */
  resync(peers = 0): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    const join = `${this.id}:${++this.joins}`;
    const answered = new Promise<void>((resolve) => {
      if (peers <= 0) {
        resolve();
        return;
      }
      const timer = setTimeout(() => done(), PEER_ANSWER_MS);
      const done = (): void => {
        clearTimeout(timer);
        this.pending.delete(join);
        resolve();
      };
      this.pending.set(join, { answered: new Set(), peers, done });
    });
    this.post({ kind: 'state-vector', from: this.id, data: Y.encodeStateVector(this.doc), join });
    return answered;
  }

  /** From now on this link's answers count towards the peers a join waits for: its context has
   *  the document loaded and is about to ask for the document's lock, the queue that
   *  contextsHolding (socket-leadership.ts) counts. */
  markCounted(): void {
    this.counted = true;
  }

  /** The socket holder's status, for the contexts that follow it. */
  announceStatus(status: SyncStatus): void {
    this.post({ kind: 'status', from: this.id, status });
  }

  destroy(): void {
    this.destroyed = true;
    for (const join of [...this.pending.values()]) join.done();
    this.doc.off('update', this.onUpdate);
    this.awareness?.off('update', this.onAwareness);
    this.channel.close();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    const unposted = this.options.unposted !== undefined && origin === this.options.unposted;
    if (origin !== this && !unposted) this.post({ kind: 'update', from: this.id, data: update });
  };

  private readonly onAwareness = ({ added, updated, removed }: AwarenessChange, origin: unknown): void => {
    if (origin === this || !this.awareness) return;
    this.post({ kind: 'awareness', from: this.id, data: encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]) });
  };

  private receive(message: LinkMessage): void {
    if (message.from === this.id) return;
    if (message.kind === 'update') {
      Y.applyUpdate(this.doc, message.data, this);
      return;
    }
    if (message.kind === 'awareness') {
      if (this.awareness) applyAwarenessUpdate(this.awareness, message.data, this);
      return;
    }
    if (message.kind === 'status') {
      this.options.onStatus?.(message.status);
      return;
    }
    const diff = Y.encodeStateAsUpdate(this.doc, message.data);
    // An empty diff is two bytes (no structs, empty delete set): nothing worth sending.
    if (diff.byteLength > 2) this.post({ kind: 'update', from: this.id, data: diff });
    if ('answering' in message) {
      // A channel keeps each sender's order, so the answerer's update is already applied.
      const join = message.counted ? this.pending.get(message.answering) : undefined;
      if (join) {
        join.answered.add(message.from);
        if (join.answered.size >= join.peers) join.done();
      }
      return;
    }
    // Answer a join with our own state vector once, so the joiner sends what we lack in turn,
    // and with who is here as far as we know.
    this.post({ kind: 'state-vector', from: this.id, data: Y.encodeStateVector(this.doc), answering: message.join, counted: this.counted });
    const known = this.awareness ? [...this.awareness.getStates().keys()] : [];
    if (known.length > 0) this.post({ kind: 'awareness', from: this.id, data: encodeAwarenessUpdate(this.awareness!, known) });
    this.options.onJoin?.();
  }

  private post(message: LinkMessage): void {
    try {
      this.channel.postMessage(message);
    } catch {
      // The channel closes with its context; a late post has nowhere to go and nothing to do.
    }
  }
}
