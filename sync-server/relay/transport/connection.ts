// One accepted websocket: its grant, its rate buckets and the only path by which the relay sends
// to it or closes it. Sending enforces backpressure: if the socket already holds more unsent bytes
// than the bound, the client is closed with 4508 instead of being silently skipped or buffered
// forever. The bound grows to twice the largest message sent, so a document bigger than the
// configured bound (its sync step 2) does not by itself make its reader "slow".
// Invariant: once the relay has decided to close the socket (any code, including ws's own
// protocol-error closes), `closedByRelay` is true and stays true. A peer that ignores the close
// frame can keep sending for as long as ws waits for its answer; everything it sends from then on
// is dropped by the endpoint, and the room forgets what the socket held (`onClosedByRelay`).
import type { WebSocket } from 'ws';
import type { SocketGrant } from '../access-gate.ts';
import { CloseCode, type CloseCodeValue } from '../../../wire/close-codes.ts';
import type { RelayConfig } from '../../config.ts';
import { TokenBucket } from '../limits/token-bucket.ts';
import type { RelayMetrics } from '../metrics.ts';

/** Close reasons are limited to 123 bytes by RFC 6455. */
const MAX_REASON_LENGTH = 120;
/** ws closes an oversized frame with 1009 itself; the relay's contract names it 4413. */
const WS_CLOSE_TOO_BIG = 1009;

let nextConnectionId = 1;

/** After the relay's close frame: ws waits 30 s for the peer's answer, and a peer that ignores
 *  it would hold the socket (and a slot of its address) that long for nothing. */
export function cutOffUnanswered(ws: WebSocket, graceMs: number): void {
  const cutoff = setTimeout(() => ws.terminate(), graceMs);
  cutoff.unref();
  ws.once('close', () => clearTimeout(cutoff));
}

export interface CloseOptions {
  /** Messages it queued before the close still apply (graceful shutdown flushes them). */
  readonly keepQueued?: boolean;
}

export class Connection {
  readonly id = nextConnectionId++;
  readonly ws: WebSocket;
  readonly grant: SocketGrant;
  /** Set once the room has loaded and greeted it; before that it hears nothing. */
  greeted = false;
  /** When the peer last answered a ping (dead peers are terminated by the keep-alive tick). */
  lastPongAt: number;
  lastSentAt: number;
  /** Called once, when the relay decides to close the socket (code null: ws closed it itself). */
  onClosedByRelay: (code: CloseCodeValue | null, reason: string) => void = () => {};
  readonly #config: RelayConfig;
  readonly #metrics: RelayMetrics;
  readonly #messages: TokenBucket;
  readonly #bytes: TokenBucket;
  readonly #step1s: TokenBucket;
  readonly #closeSocket: (code?: number, reason?: string | Buffer) => void;
  #closedByRelay = false;
  #discardQueued = false;
  #largestSent = 0;

  constructor(ws: WebSocket, grant: SocketGrant, config: RelayConfig, metrics: RelayMetrics, now: number) {
    this.ws = ws;
    this.grant = grant;
    this.#config = config;
    this.#metrics = metrics;
    this.lastSentAt = now;
    this.#messages = new TokenBucket(config.messagesPerSecond, config.messageBurst, now);
    this.#bytes = new TokenBucket(config.bytesPerSecond, config.byteBurst, now);
    this.#step1s = new TokenBucket(config.step1PerSecond, config.step1Burst, now);
    this.lastPongAt = now;
    ws.on('pong', () => {
      this.lastPongAt = performance.now();
    });
    // ws closes by itself on a frame it cannot parse (then emits 'error') or one over maxPayload
    // (1009). Both are the relay's decisions, so they go through the same path as ours. ws also
    // calls close() to answer the peer's own close frame; that one is not a decision.
    this.#closeSocket = ws.close.bind(ws);
    ws.close = (code?: number, reason?: string | Buffer) => {
      if (code === WS_CLOSE_TOO_BIG) this.close(CloseCode.tooLarge, 'message too large');
      else this.#closeSocket(code, reason);
    };
    ws.on('error', (error: Error) => this.#decided(true, null, error.message));
  }

  get doc(): string {
    return this.grant.doc;
  }

  get canWrite(): boolean {
    return this.grant.role !== 'view';
  }

  get isOpen(): boolean {
    return !this.#closedByRelay && this.ws.readyState === this.ws.OPEN;
  }

  /** The relay decided to close it: nothing it sends from then on counts. */
  get closedByRelay(): boolean {
    return this.#closedByRelay;
  }

  /** Closed, and what it queued before the close is discarded as well. */
  get discardsQueued(): boolean {
    return this.#discardQueued;
  }

  admit(bytes: number, now: number): boolean {
    return this.#messages.take(1, now) && this.#bytes.take(bytes, now);
  }

  /** A stock client sends one step 1 per connection (more with resyncInterval set), and no
   *  awareness query; both ask for a full answer, so they share one budget. */
  admitFullAnswer(now: number): boolean {
    return this.#step1s.take(1, now);
  }

  send(data: Uint8Array, now = performance.now()): boolean {
    if (!this.isOpen) return false;
    if (this.ws.bufferedAmount > Math.max(this.#config.sendBufferBytes, 2 * this.#largestSent)) {
      this.close(CloseCode.slowConsumer, 'send buffer full: client is not reading');
      return false;
    }
    this.ws.send(data);
    this.#largestSent = Math.max(this.#largestSent, data.byteLength);
    this.lastSentAt = now;
    this.#metrics.traffic.bytesOut += data.byteLength;
    return true;
  }

  close(code: CloseCodeValue, reason: string, options: CloseOptions = {}): void {
    if (this.#closedByRelay) return;
    if (code !== CloseCode.normal && code !== CloseCode.goingAway) {
      this.#metrics.refusedConnections.inc({ code: String(code) });
    }
    this.#decided(!options.keepQueued, code, reason);
    this.#closeSocket(code, reason.slice(0, MAX_REASON_LENGTH));
  }

  #decided(discardQueued: boolean, code: CloseCodeValue | null, reason: string): void {
    if (discardQueued) this.#discardQueued = true;
    if (this.#closedByRelay) return;
    this.#closedByRelay = true;
    cutOffUnanswered(this.ws, this.#config.closeGraceMs);
    this.onClosedByRelay(code, reason);
  }
}
