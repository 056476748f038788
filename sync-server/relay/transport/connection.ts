// One accepted websocket: its grant, its rate buckets and the only path by which the relay sends
// to it. Sending enforces backpressure: if the socket already holds more unsent bytes than the
// bound, the client is closed with 4508 instead of being silently skipped or buffered forever.
// The bound grows to twice the largest message sent, so a document bigger than the configured
// bound (its sync step 2) does not by itself make its reader "slow".
import type { WebSocket } from 'ws';
import type { SocketGrant } from '../access-gate.ts';
import { CloseCode, type CloseCodeValue } from '../../../wire/close-codes.ts';
import type { RelayConfig } from '../../config.ts';
import { TokenBucket } from '../limits/token-bucket.ts';
import type { RelayMetrics } from '../metrics.ts';

/** Close reasons are limited to 123 bytes by RFC 6455. */
const MAX_REASON_LENGTH = 120;

let nextConnectionId = 1;

export class Connection {
  readonly id = nextConnectionId++;
  readonly ws: WebSocket;
  readonly grant: SocketGrant;
  /** Set once the room has loaded and greeted it; before that it hears nothing. */
  greeted = false;
  /** Closed for breaking a rule: its queued messages are discarded, not applied. */
  violated = false;
  /** When the peer last answered a ping (dead peers are terminated by the keep-alive tick). */
  lastPongAt: number;
  lastSentAt: number;
  readonly #config: RelayConfig;
  readonly #metrics: RelayMetrics;
  readonly #messages: TokenBucket;
  readonly #bytes: TokenBucket;
  readonly #step1s: TokenBucket;
  #closing = false;
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
  }

  get doc(): string {
    return this.grant.doc;
  }

  get canWrite(): boolean {
    return this.grant.role !== 'view';
  }

  get isOpen(): boolean {
    return !this.#closing && this.ws.readyState === this.ws.OPEN;
  }

  admit(bytes: number, now: number): boolean {
    return this.#messages.take(1, now) && this.#bytes.take(bytes, now);
  }

  /** A stock client sends one step 1 per connection (more with resyncInterval set). */
  admitStep1(now: number): boolean {
    return this.#step1s.take(1, now);
  }

  send(data: Uint8Array, now = performance.now()): boolean {
    if (!this.isOpen) return false;
    if (this.ws.bufferedAmount > Math.max(this.#config.sendBufferBytes, 2 * this.#largestSent)) {
      this.close(CloseCode.slowConsumer, 'send buffer full: client is not reading', true);
      return false;
    }
    this.ws.send(data);
    this.#largestSent = Math.max(this.#largestSent, data.byteLength);
    this.lastSentAt = now;
    this.#metrics.bytesOut.inc(data.byteLength);
    return true;
  }

  close(code: CloseCodeValue, reason: string, violation = false): void {
    if (violation) this.violated = true;
    if (this.#closing) return;
    this.#closing = true;
    if (code !== CloseCode.normal && code !== CloseCode.goingAway) {
      this.#metrics.refusedConnections.inc({ code: String(code) });
    }
    this.ws.close(code, reason.slice(0, MAX_REASON_LENGTH));
  }
}
