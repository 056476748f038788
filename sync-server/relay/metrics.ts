// Prometheus metrics of one relay instance, on its own registry (never prom-client's global one,
// so several relays in one process, as in tests, do not collide).
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export const RejectReason = {
  malformed: 'malformed',
  badUpdate: 'bad_update',
  viewerWrite: 'viewer_write',
  tooLarge: 'too_large',
  messageRate: 'message_rate',
  roomQueueFull: 'room_queue_full',
  /** More sync step 1s than a connection's budget (each costs a document encode). */
  step1Rate: 'step1_rate',
  /** A socket with too many updates waiting for their dependencies (closed with 4529). */
  heldUpdatesFull: 'held_updates_full',
  /** Awareness entries for client ids beyond the socket's or the room's cap (dropped). */
  awarenessOverCap: 'awareness_over_cap',
  /** One awareness state over maxAwarenessStateBytes (the socket is closed with 4431). */
  awarenessTooLarge: 'awareness_too_large',
  /** Anything a socket sent after the relay decided to close it (dropped unread). */
  afterClose: 'after_close',
} as const;
export type RejectReasonValue = (typeof RejectReason)[keyof typeof RejectReason];

export class RelayMetrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({ name: 'ltm_connections', help: 'Open websocket connections', registers: [this.registry] });
  readonly rooms = new Gauge({ name: 'ltm_rooms', help: 'Rooms loaded in memory', registers: [this.registry] });
  readonly updates = new Counter({ name: 'ltm_updates_total', help: 'Yjs updates committed', registers: [this.registry] });
  readonly updateBytes = new Counter({ name: 'ltm_update_bytes_total', help: 'Bytes of committed Yjs updates', registers: [this.registry] });
  readonly messagesIn = new Counter({ name: 'ltm_messages_received_total', help: 'Websocket messages received', registers: [this.registry] });
  readonly bytesIn = new Counter({ name: 'ltm_bytes_received_total', help: 'Websocket bytes received', registers: [this.registry] });
  readonly bytesOut = new Counter({ name: 'ltm_bytes_sent_total', help: 'Websocket bytes sent', registers: [this.registry] });
  readonly commitLatency = new Histogram({
    name: 'ltm_commit_latency_seconds',
    help: 'Time of one group commit to the document store',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  /** 1 while the store can commit, 0 while it cannot (what /readyz answers); set by Readiness. */
  readonly storeReady = new Gauge({
    name: 'ltm_store_ready',
    help: 'Whether the store can commit (1) or not (0); /readyz answers 503 while 0',
    registers: [this.registry],
  });
  readonly compactions = new Counter({ name: 'ltm_compactions_total', help: 'Room logs compacted', registers: [this.registry] });
  readonly rejectedFrames = new Counter({
    name: 'ltm_rejected_frames_total',
    help: 'Frames refused, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly refusedConnections = new Counter({
    name: 'ltm_refused_connections_total',
    help: 'Websocket connections refused or closed by policy, by close code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly residentMemory = new Gauge({
    name: 'ltm_process_resident_memory_bytes',
    help: 'Resident set size of the relay process',
    registers: [this.registry],
    collect() {
      this.set(process.memoryUsage.rss());
    },
  });

  reject(reason: RejectReasonValue): void {
    this.rejectedFrames.inc({ reason });
  }
}
