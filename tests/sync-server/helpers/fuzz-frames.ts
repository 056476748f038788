// Hostile frames for the relay fuzzer, built from a room's real updates: random bytes, truncated
// and bit-flipped frames, syntactically valid sync messages carrying corrupt Yjs updates (flips,
// truncations, splices, random varints, huge length prefixes), awareness garbage and unknown
// message types. The oracle replays each update-carrying frame on a replica of the room's stored
// state, independently of the relay: a frame that would be a *valid new write* is not sent (the
// relay would rightly store it), so after the run the stored bytes must be unchanged.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { hasPending } from '../../../sync-server/relay/rooms/apply-update.ts';
import {
  MessageType,
  decodeClientMessage,
  encodeAwareness,
  encodeUpdate,
  type ClientMessage,
} from '../../../sync-server/relay/protocol/messages.ts';
import type { SeededInts } from './seeded-ints.ts';

/**
 * What the relay must do with a frame: close the socket (refused), answer it (step1), accept it
 * silently (harmless), or store it (write, never sent). 'unusable': a decodable update that
 * cannot be integrated whole (it throws part-way or leaves pending state): it may lack
 * dependencies like an honest client's update right after a reconnect, so the relay may set it
 * aside or refuse it, but must never store it.
 */
export type FrameVerdict = 'refused' | 'step1' | 'harmless' | 'write' | 'unusable';

export interface FuzzFrame {
  readonly data: Uint8Array | string;
  readonly verdict: FrameVerdict;
  /** A well-formed sync step 2 or update: a write, which a viewer must never get through. */
  readonly update: boolean;
}

const MAX_VARINT = 2 ** 53 - 1;

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

function varint(n: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, n);
  return encoding.toUint8Array(e);
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  return concat(varint(MessageType.sync), varint(syncType), varint(payload.byteLength), payload);
}

export class FuzzFrames {
  readonly #rng: SeededInts;
  readonly #updates: readonly Uint8Array[];
  /** The stored rows merged into one update: rebuilding the replica is one apply. */
  readonly #snapshot: Uint8Array;
  #replica: Y.Doc;
  #changed = false;

  /** `updates`: real updates of the room (already stored); `stored`: the room's stored rows. */
  constructor(rng: SeededInts, updates: readonly Uint8Array[], stored: readonly Uint8Array[]) {
    this.#rng = rng;
    this.#updates = updates;
    this.#snapshot = Y.mergeUpdates([...stored]);
    this.#replica = this.#freshReplica();
  }

  next(): FuzzFrame {
    const rng = this.#rng;
    switch (rng.int(12)) {
      case 0:
        return this.#classify(rng.bytes(rng.int(64)));
      case 1: {
        const frame = encodeUpdate(this.#real());
        return this.#classify(frame.subarray(0, rng.int(frame.byteLength)));
      }
      case 2:
        return this.#classify(this.#flip(encodeUpdate(this.#real())));
      case 3:
      case 4:
      case 5:
        return this.#classify(syncFrame(rng.pick([1, 2]), this.#corruptUpdate()));
      case 6:
        return this.#classify(syncFrame(0, rng.chance(0.5) ? rng.bytes(rng.int(24)) : this.#flip(Y.encodeStateVector(this.#replica))));
      case 7:
        return this.#classify(concat(varint(MessageType.sync), varint(3 + rng.int(1000)), rng.bytes(rng.int(16))));
      case 8:
        return this.#classify(this.#awarenessGarbage());
      case 9:
        return this.#classify(concat(varint(4 + rng.int(MAX_VARINT - 4)), rng.bytes(rng.int(16))));
      case 10:
        // A length prefix far beyond the frame: readers must not run past it.
        return this.#classify(concat(varint(MessageType.sync), varint(rng.pick([1, 2])), varint(rng.pick([2 ** 31, 2 ** 40, 1 + rng.int(4096)])), rng.bytes(rng.int(32))));
      default:
        return rng.chance(0.5)
          ? { data: Buffer.from(rng.bytes(rng.int(32))).toString('latin1'), verdict: 'refused', update: false }
          : this.#classify(concat(varint(MessageType.queryAwareness), rng.bytes(1 + rng.int(8))));
    }
  }

  #real(): Uint8Array {
    return this.#rng.pick(this.#updates);
  }

  #flip(bytes: Uint8Array): Uint8Array {
    const out = bytes.slice();
    const flips = 1 + this.#rng.int(4);
    for (let i = 0; i < flips && out.byteLength > 0; i++) out[this.#rng.int(out.byteLength)]! ^= 1 << this.#rng.int(8);
    return out;
  }

  #corruptUpdate(): Uint8Array {
    const rng = this.#rng;
    const a = this.#real();
    const b = this.#real();
    switch (rng.int(5)) {
      case 0:
        return this.#flip(a);
      case 1:
        return a.subarray(0, rng.int(a.byteLength));
      case 2:
        return concat(a.subarray(0, rng.int(a.byteLength)), b.subarray(rng.int(b.byteLength)));
      case 3: {
        const at = rng.int(a.byteLength);
        return concat(a.subarray(0, at), varint(rng.int(MAX_VARINT)), a.subarray(at));
      }
      default: {
        const at = rng.int(a.byteLength);
        return concat(a.subarray(0, at), varint(2 ** 31 + rng.int(2 ** 30)), a.subarray(at));
      }
    }
  }

  #awarenessGarbage(): Uint8Array {
    const rng = this.#rng;
    const entry = (json: string) => concat(varint(1 + rng.int(2 ** 32)), varint(rng.int(100)), varint(Buffer.byteLength(json)), Buffer.from(json));
    switch (rng.int(4)) {
      case 0:
        return encodeAwareness(rng.bytes(rng.int(40)));
      case 1:
        return encodeAwareness(concat(varint(1), entry(rng.pick(['{"a":', '{]', '"x"', '1', 'nul', '\u0000']))));
      case 2:
        return encodeAwareness(concat(varint(2 ** 31), entry('{}')));
      default:
        return encodeAwareness(concat(varint(1), entry('{}'), rng.bytes(1 + rng.int(8))));
    }
  }

  #classify(data: Uint8Array): FuzzFrame {
    let message: ClientMessage;
    // Most frames are refused: skip capturing a stack trace per decoding error (generation speed).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      message = decodeClientMessage(data);
    } catch {
      return { data, verdict: 'refused', update: false };
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    switch (message.kind) {
      case 'sync-step1':
        return { data, verdict: 'step1', update: false };
      case 'sync-step2':
      case 'sync-update':
        return { data, verdict: this.#replay(message.update), update: true };
      default:
        return { data, verdict: 'harmless', update: false };
    }
  }

  /** Applies the update to the replica of the stored state; rebuilds the replica if it changed. */
  #replay(update: Uint8Array): FrameVerdict {
    try {
      Y.decodeUpdate(update);
    } catch {
      return 'refused'; // undecodable: refused without touching (or rebuilding) the replica
    }
    this.#changed = false;
    let verdict: FrameVerdict;
    try {
      Y.applyUpdate(this.#replica, update);
      verdict = hasPending(this.#replica) ? 'unusable' : this.#changed ? 'write' : 'harmless';
    } catch {
      verdict = 'unusable';
    }
    if (verdict !== 'harmless') this.#replica = this.#freshReplica();
    return verdict;
  }

  #freshReplica(): Y.Doc {
    this.#replica?.destroy();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.#snapshot);
    doc.on('update', () => {
      this.#changed = true;
    });
    return doc;
  }
}
