// Reading what the relay sends and the stored rows, for tests that speak the wire directly.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MessageType, SyncType } from '../../../sync-server/relay/protocol/messages.ts';
import { databasePath, openDatabase } from '../../../sync-server/relay/storage/sqlite-database.ts';

export type ServerFrame =
  | { kind: 'sync'; type: number; payload: Uint8Array }
  | { kind: 'awareness'; payload: Uint8Array }
  | { kind: 'other'; type: number };

export function readFrame(data: Uint8Array): ServerFrame {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MessageType.sync) {
    const syncType = decoding.readVarUint(decoder);
    return { kind: 'sync', type: syncType, payload: decoding.readVarUint8Array(decoder) };
  }
  if (type === MessageType.awareness) return { kind: 'awareness', payload: decoding.readVarUint8Array(decoder) };
  return { kind: 'other', type };
}

export function isSyncFrame(data: Uint8Array, syncType: number): boolean {
  const frame = readFrame(data);
  return frame.kind === 'sync' && frame.type === syncType;
}

export const isUpdateFrame = (data: Uint8Array) => isSyncFrame(data, SyncType.update);
export const isStep1Frame = (data: Uint8Array) => isSyncFrame(data, SyncType.step1);
export const isStep2Frame = (data: Uint8Array) => isSyncFrame(data, SyncType.step2);

/** The rows of one document, read straight from the relay's SQLite file by a second connection. */
export function storedRows(dataDir: string, doc: string): Uint8Array[] {
  const db = openDatabase(databasePath(dataDir));
  try {
    const rows = db.prepare('SELECT data FROM updates WHERE doc = ? ORDER BY seq').all(doc) as { data: Buffer }[];
    return rows.map((row) => new Uint8Array(row.data));
  } finally {
    db.close();
  }
}

export function docFromRows(rows: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, row);
  return doc;
}

/** One Yjs update inserting `text` at the start of the `notes` text of a fresh doc. */
export function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}
