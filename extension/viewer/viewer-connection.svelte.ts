// The page's one live document: a Y.Doc in memory, synced with the relay by a stock y-websocket
// WebsocketProvider on this origin's /sync/<doc>?token=, over the socket the page opened early
// when there is one (early-socket.ts). Its state says what the page may claim:
// 'live' only while connected and synced, so a clock is never shown as current after the link
// dropped. A 4xxx close is final (revoked, expired, invalid): reconnecting stops and the page
// says why. The browser's offline event drops the socket at once (a dead one can look open).
// The document lives in this page only, so an edit link's changes made while not live exist
// nowhere else until the relay has them again: closing or reloading the page meanwhile asks
// first.
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { isFinalClose } from '../../wire/close-codes.ts';
import { problemForClose } from './close-problem.ts';
import { syncServerUrl, type EarlySocket } from './early-socket.ts';
import { OffsetEstimator } from '../data/offset-estimator.ts';
import { fetchServerTime } from '../data/relay-api.ts';
import { canEdit, type LinkProblem, type ViewerLink } from './viewer-link.ts';
import { VIEWER_MARK } from './viewer-marks.ts';

export type ConnectionState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'live' }
  /** Lost after being live; `since` is the relay time when the page last knew the meeting. */
  | { readonly kind: 'offline'; readonly since: number }
  | { readonly kind: 'refused'; readonly problem: LinkProblem };

type OkLink = Extract<ViewerLink, { kind: 'ok' }>;

const MAX_BACKOFF_MS = 5_000 as const;
const OFFSET_ROUNDS = { start: 1, settle: 3 } as const;

export interface Presence {
  readonly clientId: number;
  readonly name: string;
  readonly self: boolean;
}

export class ViewerConnection {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  /** The relay's clock, measured on this page's own origin. */
  readonly clock = new OffsetEstimator(() => fetchServerTime(''));
  state: ConnectionState = $state({ kind: 'connecting' });
  /** True once the relay's copy of the meeting has arrived. */
  loaded = $state(false);
  presence: readonly Presence[] = $state([]);
  readonly #provider: WebsocketProvider;
  readonly #window: Window;
  /** A change was made here while not live, and the relay has not been live with it since. */
  #unsent = false;

  constructor(link: OkLink, win: Window, early: EarlySocket | null = null) {
    this.#window = win;
    this.#provider = new WebsocketProvider(syncServerUrl(win.location), link.docName, this.doc, {
      awareness: this.awareness,
      ...(early ? { WebSocketPolyfill: early.adoptingWebSocket() } : {}),
      params: { token: link.token },
      disableBc: true,
      maxBackoffTime: MAX_BACKOFF_MS,
      shouldReconnect: (event) => !isFinalClose(event.code),
    });
    // A view link never writes (the relay closes a viewer's socket that tries). The provider's
    // 'update' listener would only make Yjs encode every remote change, the whole meeting at
    // sync, for nothing; without it no one asks for that encoding (live/doc-change.ts).
    if (!canEdit(link.role)) this.doc.off('update', this.#provider._updateHandler);
    else {
      this.doc.on('update', this.#noteLocalChange);
      win.addEventListener('beforeunload', this.#askBeforeLeaving);
    }
    this.#provider.on('status', ({ status }) => {
      if (status === 'connected' && performance.getEntriesByName(VIEWER_MARK.socketOpen).length === 0) performance.mark(VIEWER_MARK.socketOpen);
      this.#recompute();
    });
    this.#provider.on('sync', (synced: boolean) => {
      if (synced && !this.loaded) {
        performance.mark(VIEWER_MARK.synced);
        this.loaded = true;
        void this.clock.measure(OFFSET_ROUNDS.settle);
      }
      this.#recompute();
    });
    this.#provider.on('closed', ({ code, reason }) => {
      this.state = { kind: 'refused', problem: problemForClose(code, reason) };
    });
    this.awareness.on('change', this.#readPresence);
    win.addEventListener('offline', this.#wentOffline);
    win.addEventListener('online', this.#cameOnline);
    if (!win.navigator.onLine) this.#wentOffline();
    void this.clock.measure(OFFSET_ROUNDS.start);
  }

  setName(name: string): void {
    this.awareness.setLocalStateField('user', { name, color: '#2f6f5e', colorLight: '#dcece6' });
  }

  destroy(): void {
    this.doc.off('update', this.#noteLocalChange);
    this.#window.removeEventListener('beforeunload', this.#askBeforeLeaving);
    this.#window.removeEventListener('offline', this.#wentOffline);
    this.#window.removeEventListener('online', this.#cameOnline);
    this.#provider.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }

  readonly #wentOffline = (): void => {
    this.#provider.disconnect();
    this.#recompute();
  };

  readonly #cameOnline = (): void => {
    if (this.state.kind === 'refused') return;
    this.#provider.connect();
    void this.clock.measure(OFFSET_ROUNDS.settle);
  };

  readonly #noteLocalChange = (_update: Uint8Array, origin: unknown): void => {
    if (origin !== this.#provider && this.state.kind !== 'live') this.#unsent = true;
  };

  // A refused page can never send them: asking would only keep the visitor on it.
  readonly #askBeforeLeaving = (event: BeforeUnloadEvent): void => {
    if (!this.#unsent || this.state.kind === 'refused') return;
    event.preventDefault();
    event.returnValue = '';
  };

  readonly #recompute = (): void => {
    const current = this.state;
    if (current.kind === 'refused') return;
    const p = this.#provider;
    // Synced again: the exchange that made it so sent the relay what it lacked from here.
    if (p.wsconnected && p.synced) {
      this.#unsent = false;
      this.state = { kind: 'live' };
    } else if (current.kind === 'live') this.state = { kind: 'offline', since: this.clock.now() };
    else if (current.kind === 'connecting' && !this.#window.navigator.onLine) this.state = { kind: 'offline', since: this.clock.now() };
  };

  readonly #readPresence = (): void => {
    const self = this.doc.clientID;
    const people: Presence[] = [];
    for (const [clientId, state] of this.awareness.getStates()) {
      const user = (state as { user?: { name?: unknown } }).user;
      const name = typeof user?.name === 'string' ? user.name.trim().slice(0, 60) : '';
      people.push({ clientId, name, self: clientId === self });
    }
    this.presence = people;
  };
}
