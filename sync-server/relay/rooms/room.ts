// One live document: its Y.Doc, the server awareness and the sockets on it. Every state change
// runs on the room's serial queue: load first (nothing is answered before it), then batches of
// messages, compaction and unload. A batch is applied, committed through the group commit and
// only then broadcast, so nobody (the sender included) hears of an update that is not durable.
// A failed load closes the sockets with 1011 and writes nothing. When other nodes write the same
// store, the room also applies and broadcasts their committed rows by sequence number
// (room-catch-up.ts), and compacts only up to the last sequence number below which it has applied
// every row. What the store holds, when to compact and what writes may still do to the document
// (maxDocumentBytes) is stored-log.ts; a write beyond that is refused in room-writes.ts.
import * as Y from 'yjs';
import { CloseCode } from '../../../wire/close-codes.ts';
import type { RelayConfig } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { FailureLog } from '../failure-log.ts';
import { RejectReason, type RelayMetrics } from '../metrics.ts';
import { encodeSyncStep1, encodeUpdate, type ClientMessage } from '../protocol/messages.ts';
import type { ErasureWatch } from '../access-gate.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import type { GroupCommit } from '../storage/group-commit.ts';
import type { Connection } from '../transport/connection.ts';
import { RoomCatchUp } from './room-catch-up.ts';
import { RoomInbox } from './room-inbox.ts';
import { RoomWrites } from './room-writes.ts';
import { StoredLog, type Growth } from './stored-log.ts';
import { watchContentDeletions } from './content-deletions.ts';
import { sortBatch } from './room-batch.ts';
import { RoomAwareness } from './room-awareness.ts';
import { SerialQueue } from './serial-queue.ts';

export interface RoomDeps {
  readonly store: DocumentStore;
  readonly commits: GroupCommit;
  readonly config: RelayConfig;
  readonly logger: Logger;
  /** Failures that repeat (a full disk, a broken store) are logged through it, rate limited. */
  readonly failures: FailureLog;
  readonly metrics: RelayMetrics;
  /** Asks for a compaction at once when stored rows may carry erased content (AccessGate). */
  readonly watchErasures?: (doc: string, ydoc: Y.Doc, erased: () => void) => ErasureWatch;
  readonly onRetired: (room: Room) => void;
}

export type RoomState = 'loading' | 'ready' | 'retired';
export type JoinResult = 'joined' | 'full' | 'retired';

export class Room {
  readonly name: string;
  readonly connections = new Set<Connection>();
  readonly awareness: RoomAwareness;
  readonly #deps: RoomDeps;
  readonly #queue = new SerialQueue();
  #doc: Y.Doc;
  #state: RoomState = 'loading';
  readonly #inbox: RoomInbox;
  #drainQueued = false;
  readonly #writes: RoomWrites;
  readonly #stored = new StoredLog();
  readonly #catchUp: RoomCatchUp;
  #catchUpQueued = false;
  #unloadTimer: NodeJS.Timeout | null = null;
  #compactTimer: NodeJS.Timeout | null = null;
  #erasures: ErasureWatch | null = null;

  constructor(name: string, deps: RoomDeps) {
    this.name = name;
    this.#deps = deps;
    this.#writes = new RoomWrites({ doc: name, logger: deps.logger, metrics: deps.metrics, maxHeldBytesPerConnection: deps.config.maxMessageBytes });
    this.#inbox = new RoomInbox(deps.config);
    this.#catchUp = new RoomCatchUp(name, deps.store);
    this.#doc = this.#newDoc();
    const limits = { maxStateBytes: deps.config.maxAwarenessStateBytes, maxRoomBytes: deps.config.maxAwarenessBytesPerRoom };
    this.awareness = new RoomAwareness(limits, (message) => {
      for (const conn of this.connections) if (conn.greeted) conn.send(message);
    });
    this.#enqueue('load', () => this.#load());
  }

  get state(): RoomState {
    return this.#state;
  }

  get doc(): Y.Doc {
    return this.#doc;
  }

  join(conn: Connection): JoinResult {
    if (this.#state === 'retired') return 'retired';
    if (this.connections.size >= this.#deps.config.maxConnectionsPerRoom) return 'full';
    this.connections.add(conn);
    this.#cancelUnload();
    this.#enqueue('greet', async () => this.#greet(conn));
    return 'joined';
  }

  receive(conn: Connection, message: ClientMessage, size: number): void {
    if (!this.#inbox.push(conn, message, size)) {
      this.#deps.metrics.reject(RejectReason.roomQueueFull);
      conn.close(CloseCode.roomFull, 'room is busy: too much queued');
      return;
    }
    this.#scheduleDrain();
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.awareness.removeFor(conn);
    this.#writes.drop(conn);
    if (this.connections.size === 0 && this.#state !== 'retired') {
      this.#unloadTimer = setTimeout(() => {
        this.#enqueue('unload', async () => {
          if (this.connections.size === 0 && this.#inbox.size === 0) this.#retire();
        });
      }, this.#deps.config.roomUnloadGraceMs);
    }
  }

  /** Another node (or this one) committed the document up to `seq`, with that row when the
   *  notification carried it; Infinity after a missed stretch. */
  noteCommitted(seq: number, update?: Uint8Array): void {
    if (this.#state === 'retired' || !this.#catchUp.heard(seq, update) || this.#catchUpQueued) return;
    this.#catchUpQueued = true;
    this.#enqueue('catch-up', () => this.#runCatchUp());
  }

  /** For shutdown: closes the sockets, lets queued work (and its commits) finish, then retires. */
  async shutdown(): Promise<void> {
    for (const conn of this.connections) conn.close(CloseCode.goingAway, 'relay shutting down', { keepQueued: true });
    await this.#queue.run(async () => this.#retire());
  }

  /** The boundary for room work: an unexpected failure is logged once and ends the room. */
  #enqueue(step: string, task: () => Promise<void>): void {
    this.#queue.run(task).catch((error: unknown) => this.#fail('room failed', 'internal error', error, step));
  }

  /** Logs the failure once, closes every socket with internalError and retires the room. */
  #fail(message: string, reason: string, error: unknown, step?: string): void {
    this.#deps.failures.error(message, { doc: this.name, ...(step === undefined ? {} : { step }) }, error);
    for (const conn of this.connections) conn.close(CloseCode.internalError, reason);
    this.#retire();
  }

  /** Without an 'update' listener: Yjs then encodes nothing per transaction (room-writes.ts). */
  #newDoc(): Y.Doc {
    return new Y.Doc();
  }

  async #load(): Promise<void> {
    const doc = await this.#loadDoc();
    if (!doc) return;
    this.#use(doc);
    this.#state = 'ready';
    // Queued behind the greetings of the sockets that waited for the load, so they go first.
    this.#enqueue('compact', () => this.#maybeCompact());
  }

  /** Builds a fresh doc from the store; on failure fails the room and returns null. */
  async #loadDoc(): Promise<Y.Doc | null> {
    const doc = this.#newDoc();
    try {
      const stored = await this.#deps.store.load(this.name);
      Y.transact(doc, () => {
        for (const update of stored.updates) Y.applyUpdate(doc, update);
      });
      const { rowCount, byteSize, lastSeq } = stored;
      this.#stored.loaded(rowCount, byteSize, lastSeq);
      this.#catchUp.reset(lastSeq);
      return doc;
    } catch (error) {
      doc.destroy();
      this.#fail('room load failed', 'document could not be loaded', error);
      return null;
    }
  }

  /** The doc the room serves from now on, watched for erasures. */
  #use(doc: Y.Doc): void {
    this.#erasures?.stop();
    this.#doc = doc;
    this.#erasures = this.#deps.watchErasures?.(this.name, doc, () => this.#stored.request()) ?? null;
  }

  #greet(conn: Connection): void {
    if (this.#state !== 'ready' || !conn.isOpen) return;
    conn.greeted = true;
    // Never ask a viewer for its state: a stock client answers step 1 with a step 2 (a write).
    if (conn.canWrite) conn.send(encodeSyncStep1(this.#doc));
    const present = this.awareness.snapshot();
    if (present) conn.send(present);
  }

  async #drain(): Promise<void> {
    this.#drainQueued = false;
    if (this.#state !== 'ready') return;
    // Only a compaction the cap asks for awaits: the usual batch goes on in the same turn.
    const check = this.#stored.checkCap(this.#deps.config.maxDocumentBytes, performance.now());
    const growth = check === 'compact' ? await this.#compactForCap() : check;
    const deletions = growth === 'any' ? null : watchContentDeletions(this.#doc);
    const { collected, replies, firstUpdateAt, tainted: cut, rest } = sortBatch(this.#inbox.takeAll(), {
      doc: () => this.#doc,
      writes: this.#writes,
      awareness: this.awareness,
      metrics: this.#deps.metrics,
      viewerAwareness: this.#deps.config.viewerAwareness,
      growth,
    });
    let tainted = cut;
    if (tainted) this.#inbox.putBack(rest);
    else if (collected.length > 0) tainted = this.#writes.retry(this.#doc, collected, growth, (conn) => this.connections.has(conn));
    const deleted = deletions?.stop() ?? false;
    if (collected.length > 0) {
      if (!(await this.#commit(collected, firstUpdateAt))) return;
      if (deleted) this.#stored.shrank();
    }
    if (tainted && !(await this.#rebuild())) return;
    for (const reply of replies) reply();
    await this.#maybeCompact();
    if (this.#inbox.size > 0) this.#scheduleDrain();
  }

  /** At the cap, a compaction first (the doc is committed state here, so it snapshots nothing
   *  uncommitted), then what this batch's writes may do. */
  async #compactForCap(): Promise<Growth> {
    await this.#compact();
    return this.#stored.growth(this.#deps.config.maxDocumentBytes);
  }

  #scheduleDrain(): void {
    if (this.#drainQueued) return;
    this.#drainQueued = true;
    this.#enqueue('apply', () => this.#drain());
  }

  /** receivedAt: when the oldest of these updates arrived (null for held updates released now). */
  async #commit(updates: Uint8Array[], receivedAt: number | null): Promise<boolean> {
    const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    try {
      const seq = await this.#deps.commits.append(this.name, [update]);
      this.#stored.lastSeq = seq;
      this.#catchUp.committed(seq);
    } catch (error) {
      // The doc now holds data that is not durable; drop the room so nothing serves it.
      this.#fail('commit failed', 'update could not be stored', error);
      return false;
    }
    this.#stored.added(update.byteLength);
    const { traffic } = this.#deps.metrics;
    traffic.updates += updates.length;
    traffic.updateBytes += update.byteLength;
    this.#broadcast(update);
    if (receivedAt !== null) this.#deps.metrics.fanOutLatency.observe((performance.now() - receivedAt) / 1000);
    return true;
  }

  /** Applies and broadcasts the rows other nodes committed since the doc last caught up. */
  async #runCatchUp(): Promise<void> {
    this.#catchUpQueued = false;
    if (this.#state !== 'ready') return;
    // Other nodes' deletions at the cap count as this node's do (the queue keeps the doc to this task).
    const deletions = this.#stored.growth(this.#deps.config.maxDocumentBytes) === 'any' ? null : watchContentDeletions(this.#doc);
    try {
      await this.#catchUp.run((update) => {
        this.#stored.added(update.byteLength);
        Y.applyUpdate(this.#doc, update);
        this.#broadcast(update);
      });
    } catch (error) {
      deletions?.stop();
      return this.#fail('catch-up failed', 'document could not be loaded', error);
    }
    if (deletions?.stop()) this.#stored.shrank();
    this.#stored.lastSeq = Math.max(this.#stored.lastSeq, this.#catchUp.applied);
    await this.#maybeCompact();
  }

  #broadcast(update: Uint8Array): void {
    const message = encodeUpdate(update);
    for (const conn of this.connections) conn.send(message);
  }

  /** Replaces a tainted doc by the committed state; the store is the truth. */
  async #rebuild(): Promise<boolean> {
    const old = this.#doc;
    const doc = await this.#loadDoc();
    if (!doc) return false;
    this.#use(doc);
    old.destroy();
    return true;
  }

  async #maybeCompact(): Promise<void> {
    if (this.#state !== 'ready') return;
    const now = performance.now();
    if (this.#stored.needsCompaction(this.#deps.config, this.#catchUp.applied, now)) return this.#compact();
    // Due but held back by the spacing: it comes when the spacing ends, writes or not.
    if (this.#compactTimer === null && this.#stored.needsCompaction(this.#deps.config, this.#catchUp.applied, Number.POSITIVE_INFINITY)) {
      this.#compactTimer = setTimeout(() => {
        this.#compactTimer = null;
        this.#enqueue('compact', () => this.#maybeCompact());
      }, this.#stored.spacingLeft(now));
      this.#compactTimer.unref();
    }
  }

  async #compact(): Promise<void> {
    const { store, metrics, failures } = this.#deps;
    // Only what this doc is known to hold may be replaced by its snapshot.
    const uptoSeq = this.#catchUp.applied;
    if (uptoSeq < 1) return;
    const started = performance.now();
    const snapshot = Y.encodeStateAsUpdate(this.#doc);
    try {
      await store.compact(this.name, snapshot, uptoSeq);
    } catch (error) {
      failures.warn('compaction failed; the log is kept', { doc: this.name }, error);
      const failedAt = performance.now();
      this.#stored.compactionFailed(failedAt, failedAt - started);
      return;
    }
    const now = performance.now();
    if (this.#stored.compacted(snapshot.byteLength, uptoSeq, now, now - started)) this.#erasures?.compacted();
    metrics.compactions.inc();
  }

  #cancelUnload(): void {
    if (this.#unloadTimer) clearTimeout(this.#unloadTimer);
    this.#unloadTimer = null;
  }

  #retire(): void {
    if (this.#state === 'retired') return;
    this.#state = 'retired';
    this.#cancelUnload();
    if (this.#compactTimer) clearTimeout(this.#compactTimer);
    this.#erasures?.stop();
    this.#inbox.takeAll();
    this.#writes.clear();
    this.awareness.destroy();
    this.#doc.destroy();
    this.#deps.onRetired(this);
  }
}
