// What one batch of a room's messages asks for, sorted before its commit: the updates to commit
// (applied to the doc as they come, through room-writes.ts), and the answers and awareness changes
// that go out only once that commit is durable. A write that taints the doc ends the batch there:
// the rest is returned untouched, to be handled after the doc is rebuilt. A viewer's write and an
// oversized awareness state close their socket here.
import type * as Y from 'yjs';
import { CloseCode } from '../../../wire/close-codes.ts';
import { RejectReason, type RelayMetrics } from '../metrics.ts';
import type { RoomAwareness } from './room-awareness.ts';
import type { Inbound } from './room-inbox.ts';
import type { RoomWrites } from './room-writes.ts';
import type { Growth } from './stored-log.ts';
import { Step2Answers } from './step2-answers.ts';

export interface BatchContext {
  /** A getter: the doc may be rebuilt from the store before the replies go out. */
  readonly doc: () => Y.Doc;
  readonly writes: RoomWrites;
  readonly awareness: RoomAwareness;
  readonly metrics: RelayMetrics;
  /** Whether view-only sockets may publish awareness (config.viewerAwareness). */
  readonly viewerAwareness: boolean;
  /** What writes may do to the document at its size cap (stored-log.ts). */
  readonly growth: Growth;
}

export interface SortedBatch {
  /** The updates applied to the doc, to be committed as one. */
  readonly collected: Uint8Array[];
  /** To run once the commit is durable, in arrival order. */
  readonly replies: (() => void)[];
  /** When the oldest update of the batch arrived; null without updates. */
  readonly firstUpdateAt: number | null;
  readonly tainted: boolean;
  /** The messages after the tainting write, not looked at. */
  readonly rest: readonly Inbound[];
}

export function sortBatch(batch: readonly Inbound[], ctx: BatchContext): SortedBatch {
  const { writes, awareness, metrics } = ctx;
  const answers = new Step2Answers(ctx.doc);
  const collected: Uint8Array[] = [];
  const replies: (() => void)[] = [];
  let firstUpdateAt: number | null = null;
  let tainted = false;
  let i = 0;
  for (; i < batch.length && !tainted; i++) {
    const { conn, message, receivedAt } = batch[i]!;
    if (conn.discardsQueued) continue;
    switch (message.kind) {
      case 'sync-step1':
        replies.push(() => conn.isOpen && conn.send(answers.for(message.stateVector)));
        break;
      case 'sync-step2':
      case 'sync-update':
        if (!conn.canWrite) {
          metrics.reject(RejectReason.viewerWrite);
          conn.close(CloseCode.forbidden, 'view role cannot write');
          break;
        }
        firstUpdateAt ??= receivedAt;
        tainted = writes.apply(ctx.doc(), conn, { update: message.update, incremental: message.kind === 'sync-update' }, collected, ctx.growth) === 'tainted';
        break;
      case 'awareness':
        if (awareness.oversized(message.entries)) {
          metrics.reject(RejectReason.awarenessTooLarge);
          conn.close(CloseCode.awarenessTooLarge, 'awareness state too large');
          break;
        }
        if (!conn.canWrite && !ctx.viewerAwareness) break;
        replies.push(() => {
          if (awareness.apply(message.entries, conn).overCap > 0) metrics.reject(RejectReason.awarenessOverCap);
        });
        break;
      case 'query-awareness':
        replies.push(() => conn.send(awareness.answer()));
        break;
      case 'auth':
        break;
    }
  }
  return { collected, replies, firstUpdateAt, tainted, rest: batch.slice(i) };
}
