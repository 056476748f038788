// The websocket side of the relay: /sync/<doc>?token=... upgrades. Refusals before the handshake
// are HTTP (per-IP rate or open sockets: 429, unknown path: 404) so stock clients retry with
// backoff; after it they are named close codes. Each socket is checked by the access gate, then
// joins its room. The gate may answer asynchronously: meanwhile the socket's messages are held
// (a stock client sends its sync step 1 at once), and every key revoked while the decision is
// pending is remembered, so a grant that holds one is refused with 4401 instead of joining.
// Also runs the keep-alive tick: ws pings to find dead peers, and a no-op awareness message so a
// stock client's 30 s silence watchdog never fires on an idle but healthy connection.
import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../../client-address.ts';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { SocketRefusal, type AccessGate, type SocketDecision } from '../access-gate.ts';
import { CloseCode, type CloseCodeValue } from '../../../wire/close-codes.ts';
import type { RelayConfig } from '../../config.ts';
import { parseDocName } from '../../../wire/doc-name.ts';
import { AuthorizationTimeoutError, MalformedMessageError } from '../errors.ts';
import { withinDeadline } from './decision-deadline.ts';
import { IpConnectionLimiter } from '../limits/ip-connection-limiter.ts';
import { IpSocketCount } from '../limits/ip-socket-count.ts';
import type { Logger } from '../../logger.ts';
import type { FailureLog } from '../failure-log.ts';
import { RejectReason, type RelayMetrics } from '../metrics.ts';
import { KEEP_ALIVE_MESSAGE, decodeClientMessage } from '../protocol/messages.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import { Connection, cutOffUnanswered } from './connection.ts';
import { loggedTarget, requestUrl } from './request-url.ts';
import { SYNC_PATH } from '../../../wire/api-routes.ts';

export const SYNC_PATH_PREFIX = `${SYNC_PATH}/`;

/**
 * Refusals of an open socket whose cause is logged nowhere else get their one line when the
 * socket is closed. 1007 is logged where the frame is judged (with what was wrong), 1011 through
 * the failure log (one line per kind, not per socket), 1000/1001 are no refusal.
 */
const LOGGED_ON_CLOSE: ReadonlySet<number> = new Set([
  CloseCode.unauthenticated,
  CloseCode.forbidden,
  CloseCode.documentFull,
  CloseCode.tooLarge,
  CloseCode.awarenessTooLarge,
  CloseCode.roomFull,
  CloseCode.slowConsumer,
  CloseCode.rateLimited,
]);

export interface SyncEndpointDeps {
  readonly config: RelayConfig;
  readonly logger: Logger;
  readonly failures: FailureLog;
  readonly metrics: RelayMetrics;
  readonly access: AccessGate;
  readonly rooms: RoomRegistry;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

// The socket is cut off once the grace has passed: ending it only half-closes it, and a client
// that never closes its side would keep it open (and its address's socket slot) for good.
function refuseUpgrade(socket: Duplex, status: number, text: string, graceMs: number): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  const cut = setTimeout(() => socket.destroy(), graceMs);
  cut.unref();
  socket.once('close', () => clearTimeout(cut));
}

export class SyncEndpoint {
  readonly connections = new Set<Connection>();
  readonly #deps: SyncEndpointDeps;
  readonly #wss: WebSocketServer;
  readonly #ipLimiter: IpConnectionLimiter;
  readonly #ipSockets: IpSocketCount;
  readonly #tick: NodeJS.Timeout;
  readonly #stopRevocations: () => void;
  readonly #stopRechecks: () => void;
  /** What each open socket was admitted with, to ask the gate again after missed revocations. */
  readonly #admissions = new WeakMap<Connection, { readonly token: string; readonly at: number }>();
  /** One set per pending authorization: the keys revoked since it began. */
  readonly #revokedWhilePending = new Set<Set<string>>();
  #accepting = true;

  constructor(deps: SyncEndpointDeps) {
    this.#deps = deps;
    const { config } = deps;
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.#ipLimiter = new IpConnectionLimiter(config.connectionsPerSecondPerIp, config.connectionBurstPerIp);
    this.#ipSockets = new IpSocketCount(config.maxSocketsPerIp);
    this.#tick = setInterval(() => this.#keepAlive(), config.keepAliveMs);
    this.#tick.unref();
    this.#stopRevocations = deps.access.onRevoked((key) => this.#revoke(key));
    this.#stopRechecks = deps.access.onRecheck?.(() => void this.#recheck()) ?? (() => {});
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const { config, metrics } = this.#deps;
    if (!this.#accepting) return refuseUpgrade(socket, 503, 'Service Unavailable', config.closeGraceMs);
    const ip = clientAddress(req);
    const tooMany = (): void => {
      metrics.refusedConnections.inc({ code: '429' });
      refuseUpgrade(socket, 429, 'Too Many Requests', config.closeGraceMs);
    };
    if (!this.#ipLimiter.allow(ip, performance.now())) return tooMany();
    // Checked before the address's socket slot is taken: a refused target holds none.
    const url = requestUrl(req);
    if (url === null) {
      metrics.refusedConnections.inc({ code: '400' });
      this.#deps.logger.warn({ target: loggedTarget(req), ip }, 'malformed request target');
      return refuseUpgrade(socket, 400, 'Bad Request', config.closeGraceMs);
    }
    if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) return refuseUpgrade(socket, 404, 'Not Found', config.closeGraceMs);
    if (!this.#ipSockets.hold(ip, socket)) return tooMany();
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      this.#accept(ws, url).catch((error: unknown) => {
        this.#deps.failures.error('accepting a socket failed', { path: url.pathname.slice(0, 100) }, error);
        ws.terminate();
      });
    });
  }

  stopAccepting(): void {
    this.#accepting = false;
    clearInterval(this.#tick);
    this.#stopRevocations();
    this.#stopRechecks();
  }

  async #accept(ws: WebSocket, url: URL): Promise<void> {
    const { logger, metrics, access, config } = this.#deps;
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') metrics.reject(RejectReason.tooLarge);
      logger.debug({ err: error.message }, 'websocket error');
    });

    let docName: string;
    try {
      docName = decodeURIComponent(url.pathname.slice(SYNC_PATH_PREFIX.length));
    } catch {
      docName = '';
    }
    // Every refusal, the gate's included, is logged here once. Only the document name is logged,
    // never the query string that carries the token.
    const refuse = (code: CloseCodeValue, reason: string): void => {
      logger.info({ doc: docName.slice(0, 100), code, reason }, 'socket refused');
      metrics.refusedConnections.inc({ code: String(code) });
      ws.close(code, reason);
      // Not admitted, so no Connection cuts it: a peer that never answers is cut here.
      cutOffUnanswered(ws, config.closeGraceMs);
    };
    if (!parseDocName(docName)) return refuse(CloseCode.badRequest, SocketRefusal.malformedDocName);
    const token = url.searchParams.get('token');
    if (!token) return refuse(CloseCode.unauthenticated, SocketRefusal.missingToken);
    const held: [RawData, boolean][] = [];
    let heldBytes = 0;
    const hold = (data: RawData, isBinary: boolean) => {
      if (ws.readyState !== ws.OPEN) return;
      const bytes = toBuffer(data);
      heldBytes += bytes.byteLength;
      held.push([bytes, isBinary]);
      // What it may hold is what its buckets would admit at once on arrival: a client that
      // floods before it is admitted is refused now, not held (a slow gate would otherwise let
      // messageBurst frames of maxMessageBytes each pile up per socket).
      if (held.length <= config.messageBurst && heldBytes <= config.byteBurst) return;
      held.length = 0;
      metrics.reject(RejectReason.messageRate);
      refuse(CloseCode.rateLimited, 'message rate exceeded before admission');
    };
    ws.on('message', hold);
    const revoked = new Set<string>();
    this.#revokedWhilePending.add(revoked);
    let decision: SocketDecision;
    const askedAt = Date.now();
    try {
      decision = await withinDeadline(access.authorizeSocket(docName, token, askedAt), config.authDeadlineMs);
    } catch (error) {
      this.#deps.failures.error('socket authorization failed', { doc: docName }, error);
      ws.close(CloseCode.internalError, error instanceof AuthorizationTimeoutError ? 'authorization timed out' : 'internal error');
      cutOffUnanswered(ws, config.closeGraceMs);
      return;
    } finally {
      this.#revokedWhilePending.delete(revoked);
      ws.off('message', hold);
    }
    if (ws.readyState !== ws.OPEN) return;
    if (!this.#accepting) return void ws.close(CloseCode.goingAway, 'relay is shutting down');
    if (!decision.ok) return refuse(decision.code, decision.reason);
    if (decision.grant.doc !== docName) return refuse(CloseCode.forbidden, SocketRefusal.wrongDocument);
    if (decision.grant.revocationKeys.some((key) => revoked.has(key))) return refuse(CloseCode.unauthenticated, SocketRefusal.accessRevoked);

    const conn = new Connection(ws, decision.grant, config, metrics, performance.now());
    this.#admissions.set(conn, { token, at: askedAt });
    const { room, result } = this.#deps.rooms.join(conn);
    if (result === 'full') {
      logger.info({ doc: docName, code: CloseCode.roomFull }, 'room is full');
      conn.close(CloseCode.roomFull, 'room is full');
      return;
    }
    // The one place the rule is kept: a socket the relay is closing leaves its room at once (its
    // awareness and held updates go with it) and anything it still sends is dropped unread.
    conn.onClosedByRelay = (code, reason) => {
      room.leave(conn);
      if (code !== null && LOGGED_ON_CLOSE.has(code)) logger.info({ doc: docName, conn: conn.id, code, reason }, 'socket closed');
    };
    this.connections.add(conn);
    metrics.connections.set(this.connections.size);
    metrics.socketsOpened.inc();
    logger.debug({ doc: docName, conn: conn.id, role: conn.grant.role }, 'socket joined');

    const receive = (data: RawData, isBinary: boolean) => {
      const bytes = toBuffer(data);
      metrics.traffic.messagesIn += 1;
      metrics.traffic.bytesIn += bytes.byteLength;
      if (conn.closedByRelay) return metrics.reject(RejectReason.afterClose);
      if (!conn.admit(bytes.byteLength, performance.now())) {
        metrics.reject(RejectReason.messageRate);
        return conn.close(CloseCode.rateLimited, 'message rate exceeded');
      }
      try {
        if (!isBinary) throw new MalformedMessageError('text frames are not part of the protocol');
        const message = decodeClientMessage(bytes);
        if (message.kind === 'sync-step1' && !conn.admitFullAnswer(performance.now())) {
          metrics.reject(RejectReason.step1Rate);
          return conn.close(CloseCode.rateLimited, 'too many sync step 1 messages');
        }
        if (message.kind === 'query-awareness' && !conn.admitFullAnswer(performance.now())) {
          metrics.reject(RejectReason.awarenessQueryRate);
          return conn.close(CloseCode.rateLimited, 'too many awareness queries');
        }
        room.receive(conn, message, bytes.byteLength);
      } catch (error) {
        if (error instanceof MalformedMessageError) {
          metrics.reject(RejectReason.malformed);
          logger.info({ doc: docName, conn: conn.id, err: error.message }, 'malformed message');
          conn.close(error.code, 'malformed message');
        } else {
          this.#deps.failures.error('message handling failed', { doc: docName, conn: conn.id }, error);
          conn.close(CloseCode.internalError, 'internal error');
        }
      }
    };
    ws.on('message', receive);
    for (const [data, isBinary] of held) receive(data, isBinary);
    ws.on('close', () => {
      this.connections.delete(conn);
      metrics.connections.set(this.connections.size);
      room.leave(conn);
    });
  }

  #revoke(key: string): void {
    for (const revoked of this.#revokedWhilePending) revoked.add(key);
    for (const conn of this.connections) {
      if (conn.grant.revocationKeys.includes(key)) conn.close(CloseCode.unauthenticated, SocketRefusal.accessRevoked);
    }
  }

  async #recheck(): Promise<void> {
    const { access, logger } = this.#deps;
    let closed = 0;
    for (const conn of [...this.connections]) {
      const admission = this.#admissions.get(conn);
      if (admission === undefined || conn.closedByRelay) continue;
      try {
        const decision = await access.authorizeSocket(conn.doc, admission.token, admission.at);
        if (decision.ok) continue;
        conn.close(CloseCode.unauthenticated, SocketRefusal.accessRevoked);
        closed += 1;
      } catch (error) {
        this.#deps.failures.error('re-checking a socket failed', { doc: conn.doc }, error);
      }
    }
    // Periodic with several nodes: a line only when a check closed something.
    if (closed > 0) logger.info({ checked: this.connections.size, closed }, 'open sockets re-checked: revoked ones closed');
    else logger.debug({ checked: this.connections.size }, 'open sockets re-checked');
  }

  #keepAlive(): void {
    const now = performance.now();
    for (const conn of this.connections) {
      if (now - conn.lastPongAt > this.#deps.config.deadPeerTimeoutMs) {
        conn.ws.terminate();
        continue;
      }
      if (conn.ws.readyState === conn.ws.OPEN) conn.ws.ping();
      if (conn.greeted && now - conn.lastSentAt >= this.#deps.config.keepAliveMs / 2) conn.send(KEEP_ALIVE_MESSAGE, now);
    }
    this.#ipLimiter.prune(now);
  }
}
