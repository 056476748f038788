// The y-websocket wire format, decoded into a tagged union and encoded back. Pure: knows nothing
// of rooms or sockets. Decoding is strict (whole frame consumed, nested payloads well formed) so
// that everything after it can trust the shape; Yjs update contents are checked by the room.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MalformedMessageError } from '../errors.ts';

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

/** One client's announced presence; `state` is its JSON text ("null" when it left). */
export interface AwarenessEntry {
  readonly client: number;
  readonly clock: number;
  readonly state: string;
}

export type ClientMessage =
  | { readonly kind: 'sync-step1'; readonly stateVector: Uint8Array }
  | { readonly kind: 'sync-step2'; readonly update: Uint8Array }
  | { readonly kind: 'sync-update'; readonly update: Uint8Array }
  | { readonly kind: 'awareness'; readonly entries: readonly AwarenessEntry[] }
  | { readonly kind: 'query-awareness' }
  | { readonly kind: 'auth' };

function finish<T>(decoder: decoding.Decoder, value: T): T {
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after message');
  return value;
}

function decodeSync(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (type) {
    case SyncType.step1:
      Y.decodeStateVector(payload);
      return finish(decoder, { kind: 'sync-step1', stateVector: payload });
    case SyncType.step2:
      return finish(decoder, { kind: 'sync-step2', update: payload });
    case SyncType.update:
      return finish(decoder, { kind: 'sync-update', update: payload });
    default:
      throw new MalformedMessageError(`unknown sync message type ${type}`);
  }
}

/** Returns the update's entries; throws if any entry is not well formed. */
function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (typeof JSON.parse(state) !== 'object') throw new MalformedMessageError('awareness state is not an object');
    entries.push({ client, clock, state });
  }
  return finish(decoder, entries);
}

/** The awareness update (y-protocols format) carrying exactly these entries. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { client, clock, state } of entries) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, state);
  }
  return encoding.toUint8Array(e);
}

export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync:
        return decodeSync(decoder);
      case MessageType.awareness: {
        const update = decoding.readVarUint8Array(decoder);
        return finish(decoder, { kind: 'awareness', entries: readAwarenessEntries(update) });
      }
      case MessageType.queryAwareness:
        return finish(decoder, { kind: 'query-awareness' });
      case MessageType.auth:
        return { kind: 'auth' };
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(`undecodable message: ${(error as Error).message}`);
  }
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.step2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncType.update);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, update);
  });
}

/**
 * An awareness update naming no clients: a stock client resets its 30 s silence watchdog on it and
 * changes nothing else (applyAwarenessUpdate emits no event for zero entries).
 */
export const KEEP_ALIVE_MESSAGE: Uint8Array = encodeAwareness(new Uint8Array([0]));
