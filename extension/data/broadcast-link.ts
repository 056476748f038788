// Live exchange of Yjs updates between the extension contexts of one profile (side panel, popup,
// options, background) that have the same document open. IndexedDB alone would only converge
// on the next load; this makes an edit in the popup appear in the side panel at once.
// Joining sends a state vector; peers answer with what the joiner lacks plus their own vector,
// so both sides converge.
import * as Y from 'yjs';

type LinkMessage =
  | { readonly kind: 'state-vector'; readonly from: string; readonly data: Uint8Array; readonly reply: boolean }
  | { readonly kind: 'update'; readonly from: string; readonly data: Uint8Array };

const CHANNEL_PREFIX = 'ltm-doc:' as const;

export class BroadcastLink {
  private readonly channel: BroadcastChannel;
  private readonly id = crypto.randomUUID();

  constructor(private readonly doc: Y.Doc, name: string) {
    this.channel = new BroadcastChannel(CHANNEL_PREFIX + name);
    this.channel.onmessage = (event: MessageEvent<LinkMessage>) => this.receive(event.data);
    doc.on('update', this.onUpdate);
    this.resync();
  }

  /** Ask peers again for anything missing (after the local IndexedDB state has loaded). */
  resync(): void {
    this.post({ kind: 'state-vector', from: this.id, data: Y.encodeStateVector(this.doc), reply: false });
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.channel.close();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin !== this) this.post({ kind: 'update', from: this.id, data: update });
  };

  private receive(message: LinkMessage): void {
    if (message.from === this.id) return;
    if (message.kind === 'update') {
      Y.applyUpdate(this.doc, message.data, this);
      return;
    }
    const diff = Y.encodeStateAsUpdate(this.doc, message.data);
    // An empty diff is two bytes (no structs, empty delete set): nothing worth sending.
    if (diff.byteLength > 2) this.post({ kind: 'update', from: this.id, data: diff });
    // Answer a join with our own state vector once, so the joiner sends what we lack in turn.
    if (!message.reply) this.post({ kind: 'state-vector', from: this.id, data: Y.encodeStateVector(this.doc), reply: true });
  }

  private post(message: LinkMessage): void {
    try {
      this.channel.postMessage(message);
    } catch {
      // The channel closes with its context; a late post has nowhere to go and nothing to do.
    }
  }
}
