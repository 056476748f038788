// Prometheus metrics of one relay instance, on its own registry (never prom-client's global one,
// so several relays in one process, as in tests, do not collide). Traffic counted per message or
// per send is tallied in plain numbers and folded into its counters when they are read: a
// prom-client inc allocates and validates, and the hot path would do it thousands of times a second.
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
  /** More awareness queries than that same budget (each answer is every state of the room). */
  awarenessQueryRate: 'awareness_query_rate',
  /** A socket with too many updates waiting for their dependencies (closed with 4529). */
  heldUpdatesFull: 'held_updates_full',
  /** Awareness entries for client ids beyond the socket's or the room's cap (dropped). */
  awarenessOverCap: 'awareness_over_cap',
  /** One awareness state over maxAwarenessStateBytes (the socket is closed with 4431). */
  awarenessTooLarge: 'awareness_too_large',
  /** A write adding content to a document at maxDocumentBytes (the socket is closed with 4409). */
  documentFull: 'document_full',
  /** Anything a socket sent after the relay decided to close it (dropped unread). */
  afterClose: 'after_close',
} as const;
export type RejectReasonValue = (typeof RejectReason)[keyof typeof RejectReason];

/** Seconds; a commit or fan-out beyond 1 s is an outage whatever its exact length. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** What the hot path adds up between two reads of /metrics. */
export interface TrafficTally {
  messagesIn: number;
  bytesIn: number;
  bytesOut: number;
  updates: number;
  updateBytes: number;
}

/** A counter that takes its increments from a tally field when read (scrape or get()). */
function tallied(registry: Registry, tally: TrafficTally, field: keyof TrafficTally, name: string, help: string): Counter {
  return new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      if (tally[field] > 0) this.inc(tally[field]);
      tally[field] = 0;
    },
  });
}

export class RelayMetrics {
  readonly registry = new Registry();
  readonly traffic: TrafficTally = { messagesIn: 0, bytesIn: 0, bytesOut: 0, updates: 0, updateBytes: 0 };
  readonly connections = new Gauge({ name: 'ltm_connections', help: 'Open websocket connections', registers: [this.registry] });
  readonly rooms = new Gauge({ name: 'ltm_rooms', help: 'Rooms loaded in memory', registers: [this.registry] });
  readonly updates = tallied(this.registry, this.traffic, 'updates', 'ltm_updates_total', 'Yjs updates committed');
  readonly updateBytes = tallied(this.registry, this.traffic, 'updateBytes', 'ltm_update_bytes_total', 'Bytes of committed Yjs updates');
  readonly messagesIn = tallied(this.registry, this.traffic, 'messagesIn', 'ltm_messages_received_total', 'Websocket messages received');
  readonly bytesIn = tallied(this.registry, this.traffic, 'bytesIn', 'ltm_bytes_received_total', 'Websocket bytes received');
  readonly bytesOut = tallied(this.registry, this.traffic, 'bytesOut', 'ltm_bytes_sent_total', 'Websocket bytes sent');
  readonly commitLatency = new Histogram({
    name: 'ltm_commit_latency_seconds',
    help: 'Time of one group commit to the document store',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly fanOutLatency = new Histogram({
    name: 'ltm_fanout_latency_seconds',
    help: 'Time from receiving an update to having sent it to every socket of its room (apply, commit, broadcast)',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly storeErrors = new Counter({
    name: 'ltm_store_errors_total',
    help: 'Document store operations that failed, by operation (load, append, compact, delete, list, close)',
    labelNames: ['operation'],
    registers: [this.registry],
  });
  readonly roomsLoaded = new Counter({ name: 'ltm_rooms_loaded_total', help: 'Rooms created (each loads its document from the store)', registers: [this.registry] });
  readonly socketsOpened = new Counter({ name: 'ltm_sockets_opened_total', help: 'Websocket connections admitted to a room', registers: [this.registry] });
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
