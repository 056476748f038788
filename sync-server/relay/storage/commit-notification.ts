// The notification a node sends after each PostgreSQL group commit, one per document it appended
// to: `<seq> <doc>`, followed by ` <base64 row>` when the document got one row in that commit and
// it fits PostgreSQL's payload limit, so the other nodes need not read it back. Document names
// never contain a space (wire/doc-name.ts), which is what lets the payload be split on spaces.
export const UPDATES_CHANNEL = 'ltm_updates' as const;
/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more. */
export const MAX_NOTIFY_PAYLOAD_BYTES = 8000;

export interface CommitNotification {
  readonly doc: string;
  readonly seq: number;
  /** The committed row, when the notification carried it (one row that fits the payload). */
  readonly update?: Uint8Array;
}

/** The payload for a document whose commit reached `seq`; `row` when it was the only one. */
export function formatNotification(doc: string, seq: number, row?: Uint8Array): string {
  const head = `${seq} ${doc}`;
  if (!row) return head;
  // base64 is 4 bytes per 3, and the head is ASCII digits plus the name's UTF-8.
  const size = Buffer.byteLength(head) + 1 + 4 * Math.ceil(row.byteLength / 3);
  if (size >= MAX_NOTIFY_PAYLOAD_BYTES) return head;
  return `${head} ${Buffer.from(row.buffer, row.byteOffset, row.byteLength).toString('base64')}`;
}

/** The parsed payload; null for anything else. */
export function parseNotification(payload: string): CommitNotification | null {
  const [seqText, doc, data] = payload.split(' ');
  const seq = Number(seqText);
  if (!doc || !Number.isSafeInteger(seq)) return null;
  if (data === undefined) return { doc, seq };
  const bytes = Buffer.from(data, 'base64');
  return { doc, seq, update: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}
