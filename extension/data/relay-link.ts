// One document's websocket to the relay, through a stock y-websocket WebsocketProvider. It fetches
// a document token with the account session, renews it when the relay refuses it (4401), and
// reduces the provider's events to a SyncStatus. Tokens live only in memory. A session the relay
// no longer knows (401 on the token request) is final: retrying cannot help, the owner is told.
// So is a meeting deleted for good (410): it stays offline rather than upload the copy again.
// After a connection fails, the link, not the provider, decides when to try again
// (reconnect-backoff.ts): exponentially later, up to a cap, until a connection stays up.
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { CloseCode, isFinalClose } from '../../wire/close-codes.ts';
import { RelayRequestError, requestDocToken, syncUrl, type DocToken } from './relay-api.ts';
import { ReconnectBackoff, type BackoffPolicy } from './reconnect-backoff.ts';
import { refusedStatus, type SyncStatus } from './sync-status.ts';

export interface RelayTarget {
  readonly relayUrl: string;
  readonly session: string;
}

export interface RelayLinkOptions {
  readonly doc: Y.Doc;
  readonly name: string;
  readonly awareness: Awareness;
  readonly target: RelayTarget;
  readonly onStatus: (status: SyncStatus) => void;
  readonly onSessionRejected?: () => void;
  /** Outside browsers (Node) the global WebSocket may be missing. */
  readonly WebSocketImpl?: typeof WebSocket;
  readonly backoff?: BackoffPolicy;
  /** Told each delay before trying again after a failed connection. */
  readonly onRetry?: (delayMs: number) => void;
}

const TOKEN_MARGIN_MS = 60_000;
const TOKEN_RETRY_MS = 5_000;
const MAX_BACKOFF_MS = 5_000;
const HTTP_UNAUTHORIZED = 401;
const HTTP_GONE = 410;

export class RelayLink {
  private provider: WebsocketProvider | null = null;
  private token: DocToken | null = null;
  private everConnected = false;
  private destroyed = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private openedAt: number | null = null;
  private current: SyncStatus = 'connecting';
  /** Set by a final close (other than 4401). The link then stays closed, whatever the network
   *  does: a new link (a reload, another account) is what tries again. */
  private refusal: SyncStatus | null = null;
  private readonly backoff: ReconnectBackoff;

  constructor(private readonly o: RelayLinkOptions) {
    this.backoff = new ReconnectBackoff(o.backoff);
    void this.start();
  }

  status(): SyncStatus {
    return this.current;
  }

  destroy(): void {
    this.destroyed = true;
    globalThis.removeEventListener?.('offline', this.wentOffline);
    globalThis.removeEventListener?.('online', this.cameOnline);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.cancelReconnect();
    this.provider?.destroy();
    this.provider = null;
  }

  private async start(): Promise<void> {
    if (!(await this.refreshToken()) || this.destroyed) return;
    const provider = new WebsocketProvider(syncUrl(this.o.target.relayUrl), this.o.name, this.o.doc, {
      awareness: this.o.awareness,
      params: { token: this.token!.token },
      disableBc: true,
      maxBackoffTime: MAX_BACKOFF_MS,
      ...(this.o.WebSocketImpl ? { WebSocketPolyfill: this.o.WebSocketImpl } : {}),
      // Only 4401 of the final refusals may be cured (a fresh token). The transient ones (45xx:
      // room full, rate, slow reader; 1011: the relay could not store) are retried with backoff.
      shouldReconnect: (event) => !isFinalClose(event.code),
    });
    this.provider = provider;
    globalThis.addEventListener?.('offline', this.wentOffline);
    globalThis.addEventListener?.('online', this.cameOnline);
    if (globalThis.navigator?.onLine === false) this.wentOffline();
    provider.on('status', ({ status }) => {
      if (status === 'connected') {
        this.openedAt = Date.now();
        this.refusal = null;
      }
      this.recompute();
    });
    provider.on('connection-close', (event) => {
      if (!event) return;
      // Known before the provider reports the disconnect, so 'offline' never flashes first.
      if (isFinalClose(event.code) && event.code !== CloseCode.unauthenticated) this.refusal = refusedStatus(event.code);
      this.retryLater(event.code);
    });
    provider.on('sync', () => this.recompute());
    provider.on('closed', (event) => {
      if (event.code === CloseCode.unauthenticated) void this.reconnectWithNewToken();
      else this.set(this.refusal ?? refusedStatus(event.code));
    });
    this.recompute();
  }

  // The browser knows before the socket does: a dead connection can look open for tens of
  // seconds. Drop it at once and say so; come back when the browser is online again.
  private readonly wentOffline = (): void => {
    this.cancelReconnect();
    this.provider?.disconnect();
    this.set(this.refusal ?? 'offline');
  };

  // A link the relay refused for good stays closed: connecting again would be refused again.
  private readonly cameOnline = (): void => {
    if (this.refusal) return;
    this.cancelReconnect();
    this.backoff.reset();
    this.provider?.connect();
  };

  // The provider has scheduled its own attempt; it is stopped (disconnect makes that attempt a
  // no-op once the provider has let go of the closed socket) and ours is made at our delay.
  private retryLater(code: number): void {
    if (isFinalClose(code) || this.destroyed) return;
    const upMs = this.openedAt === null ? 0 : Date.now() - this.openedAt;
    this.openedAt = null;
    const delay = this.backoff.failed(upMs);
    this.o.onRetry?.(delay);
    this.cancelReconnect();
    queueMicrotask(() => {
      this.provider?.disconnect();
      this.recompute();
    });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.provider?.connect();
    }, delay);
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private async reconnectWithNewToken(): Promise<void> {
    this.token = null;
    if (!(await this.refreshToken()) || this.destroyed || !this.provider) return;
    this.provider.params = { token: this.token!.token };
    this.provider.connect();
  }

  private async refreshToken(): Promise<boolean> {
    if (this.token && this.token.exp - Date.now() > TOKEN_MARGIN_MS) return true;
    try {
      this.token = await requestDocToken(this.o.target.relayUrl, this.o.target.session, this.o.name);
      return true;
    } catch (error) {
      if (this.destroyed) return false;
      this.set('offline');
      if (error instanceof RelayRequestError && error.status === HTTP_UNAUTHORIZED) {
        this.o.onSessionRejected?.();
        return false;
      }
      // The meeting was deleted for good on the relay: no token will ever open it again.
      if (error instanceof RelayRequestError && error.status === HTTP_GONE) return false;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.provider) void this.reconnectWithNewToken();
        else void this.start();
      }, TOKEN_RETRY_MS);
      return false;
    }
  }

  private recompute(): void {
    const p = this.provider;
    if (!p) return;
    if (!p.wsconnected && this.refusal) {
      this.set(this.refusal);
    } else if (p.wsconnected) {
      this.everConnected = true;
      this.set(p.synced ? 'synced' : 'syncing');
    } else if (p.wsconnecting && !this.everConnected) {
      this.set('connecting');
    } else {
      this.set('offline');
    }
  }

  private set(status: SyncStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.o.onStatus(status);
  }
}
