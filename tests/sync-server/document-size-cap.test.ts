// The document size cap, with stock y-websocket clients on a real relay and SQLite: a write that
// would grow a document stored at maxDocumentBytes closes its socket with 4409 (final: the stock
// client stops) and is never stored or relayed; what was stored stays, readers keep reading, and
// deletions still pass. A document is judged by its content, not its history: a log over the cap
// whose content is under it is compacted and the write taken, and once a compaction has dropped
// deleted content the document takes writes again.
import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { CloseCode } from '../../wire/close-codes.ts';
import { SocketRefusal } from '../../wire/socket-refusals.ts';
import { CAP_MIN_RECOMPACTION_MS } from '../../sync-server/relay/rooms/stored-log.ts';
import { encodeUpdate } from '../../sync-server/relay/protocol/messages.ts';
import { docFromRows, storedRows } from './helpers/frames.ts';
import { docName, waitFor, withTestRelay, type TestRelay } from './helpers/relay-harness.ts';
import { TokenRoleGate } from './helpers/token-role-gate.ts';

const test = suite('document size cap');

const LIMITS = { maxMessageBytes: 16 * 1024, maxDocumentBytes: 32 * 1024 } as const;
const CHUNK = 6_000;

/** Text Yjs cannot store in fewer bytes than it has characters. */
const randomText = (length: number) => randomBytes(length).toString('base64').slice(0, length);
const notes = (doc: Y.Doc) => doc.getText('notes');
const storedText = (harness: TestRelay, doc: string) => notes(docFromRows(storedRows(harness.dataDir, doc))).toString();

async function synced(provider: WebsocketProvider): Promise<void> {
  await waitFor(() => provider.synced, 'the provider to sync');
}

async function rejected(harness: TestRelay, reason: string): Promise<number> {
  const { values } = await harness.relay.metrics.rejectedFrames.get();
  return values.find((v) => v.labels.reason === reason)?.value ?? 0;
}

async function compactions(harness: TestRelay): Promise<number> {
  return (await harness.relay.metrics.compactions.get()).values[0]?.value ?? 0;
}

function closeCodes(provider: WebsocketProvider): number[] {
  const codes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

/** Appends `count` chunks through `writer`, each seen by `reader` before the next is typed. */
async function fill(writer: Y.Doc, reader: Y.Doc, count: number): Promise<string> {
  let text = '';
  for (let i = 0; i < count; i++) {
    const chunk = randomText(CHUNK);
    notes(writer).insert(notes(writer).length, chunk);
    text += chunk;
    await waitFor(() => notes(reader).toString() === text, `chunk ${i + 1} relayed`);
  }
  return text;
}

/** An editor and a viewer of a fresh document, both synced. */
async function writerAndReader(harness: TestRelay) {
  const doc = docName();
  const writerDoc = new Y.Doc();
  const readerDoc = new Y.Doc();
  const writer = harness.provider(doc, 'edit', writerDoc);
  const reader = harness.provider(doc, 'view', readerDoc);
  await Promise.all([synced(writer), synced(reader)]);
  return { doc, writerDoc, readerDoc, writer, reader, writerCloses: closeCodes(writer) };
}

test('a write that would grow a full document closes with 4409; stored content stays, readers read, deletions pass', () =>
  withTestRelay(LIMITS, async (harness) => {
    const { doc, writerDoc, readerDoc, writer, reader, writerCloses } = await writerAndReader(harness);
    // Six chunks of 6,000 characters: the last is taken under the cap and passes it.
    const stored = await fill(writerDoc, readerDoc, 6);
    await waitFor(() => storedText(harness, doc) === stored, 'six chunks stored');

    notes(writerDoc).insert(0, 'over the cap');
    await waitFor(() => writerCloses.length > 0, 'the writer to be closed');
    assert.equal(writerCloses, [CloseCode.documentFull]);
    const lines = harness.logs.filter((line) => line.includes('"msg":"socket closed"') && line.includes(`"code":${CloseCode.documentFull}`));
    assert.is(lines.length, 1, harness.logs.join('\n'));
    assert.ok(lines[0]!.includes(SocketRefusal.documentFull), lines[0]);
    assert.is(await rejected(harness, 'document_full'), 1);
    // Final: the stock client does not come back to be refused again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.is(writer.wsconnected, false, 'the stock client reconnected after a final close');
    assert.is(writerCloses.length, 1);
    assert.is(storedText(harness, doc), stored, 'the refused write was stored');
    assert.is(notes(readerDoc).toString(), stored, 'the refused write was relayed');
    assert.ok(reader.wsconnected, 'the reader lost its socket');

    // Refused again right after: the compaction made for the first refusal left it full, and
    // there is nothing to compact again (the joiner still gets the whole document).
    const compactedAtRefusal = await compactions(harness);
    assert.ok(compactedAtRefusal >= 1, 'no compaction before the first refusal');
    const lateDoc = new Y.Doc();
    const late = harness.provider(doc, 'edit', lateDoc);
    const lateCloses = closeCodes(late);
    await synced(late);
    assert.is(notes(lateDoc).toString(), stored);
    notes(lateDoc).insert(0, 'still over');
    await waitFor(() => lateCloses.length > 0, 'the second writer to be closed');
    assert.equal(lateCloses, [CloseCode.documentFull]);
    assert.is(await rejected(harness, 'document_full'), 2);
    assert.is(await compactions(harness), compactedAtRefusal, 'the full snapshot was encoded again');
    assert.is(storedText(harness, doc), stored);

    // The refused writer deletes its refused edit and most of the document, and reconnects: its
    // sync step 2 carries the edit as a deleted struct, and the deletions, which a full document takes.
    notes(writerDoc).delete(0, 'over the cap'.length + 5 * CHUNK);
    const kept = stored.slice(5 * CHUNK);
    writer.connect();
    await waitFor(() => notes(readerDoc).toString() === kept, 'the deletions relayed');
    await waitFor(() => storedText(harness, doc) === kept, 'the deletions stored');
    assert.equal(writerCloses, [CloseCode.documentFull], 'the deleting writer was refused');
    assert.ok(writer.wsconnected);

    // A second after the last compaction, the next batch compacts the deletions away, and the
    // document takes content again.
    await new Promise((resolve) => setTimeout(resolve, CAP_MIN_RECOMPACTION_MS + 100));
    notes(writerDoc).insert(0, 'room again ');
    await waitFor(() => notes(readerDoc).toString() === `room again ${kept}`, 'the write after the deletions relayed');
    assert.is(storedText(harness, doc), `room again ${kept}`);
    assert.equal(writerCloses, [CloseCode.documentFull]);
    assert.ok((await compactions(harness)) > compactedAtRefusal, 'the deletions were not compacted');
  }));

test('a log over the cap whose content is under it is compacted, and the write taken', () =>
  withTestRelay(LIMITS, async (harness) => {
    const { doc, writerDoc, readerDoc, writer, reader, writerCloses } = await writerAndReader(harness);
    await fill(writerDoc, readerDoc, 4);
    notes(writerDoc).delete(0, notes(writerDoc).length);
    await waitFor(() => notes(readerDoc).length === 0, 'the deletion relayed');
    // 24,000 characters logged and deleted, then 18,000 more: the log passes 32 KiB.
    const kept = await fill(writerDoc, readerDoc, 3);
    notes(writerDoc).insert(0, 'taken ');
    await waitFor(() => notes(readerDoc).toString() === `taken ${kept}`, 'the write past the log size relayed');
    assert.equal(writerCloses, []);
    assert.is(await rejected(harness, 'document_full'), 0);
    assert.ok((await compactions(harness)) >= 1, 'the log was not compacted');
    const rows = storedRows(harness.dataDir, doc);
    const bytes = rows.reduce((sum, row) => sum + row.byteLength, 0);
    assert.ok(bytes < LIMITS.maxDocumentBytes, `stored ${bytes} bytes in ${rows.length} rows`);
    assert.is(storedText(harness, doc), `taken ${kept}`);
  }));

test('edits deleted before they reach a full document are taken up to an eighth above the cap, then refused', () =>
  withTestRelay({ ...LIMITS, messagesPerSecond: 10_000, messageBurst: 10_000 }, async (harness) => {
    const { doc, writerDoc, readerDoc } = await writerAndReader(harness);
    const stored = await fill(writerDoc, readerDoc, 6);
    await waitFor(() => storedText(harness, doc) === stored, 'six chunks stored');
    // Edits made and deleted by many clients: no content, but a struct each that the document
    // keeps. At the cap they are taken, until the allowance above it is used up.
    const raw = harness.raw(doc, TokenRoleGate.token('edit', doc));
    await raw.opened;
    let code: number | null = null;
    void raw.closed.then((closed) => (code = closed.code));
    const clientsBefore = readerDoc.store.clients.size;
    for (let i = 0; i < 4_000 && code === null; i++) {
      const ghost = new Y.Doc();
      notes(ghost).insert(0, 'x');
      notes(ghost).delete(0, 1);
      raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(ghost)));
      if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor(() => code !== null, 'the writer of deleted edits to be closed');
    assert.is(code, CloseCode.documentFull);
    const bytes = storedRows(harness.dataDir, doc).reduce((sum, row) => sum + row.byteLength, 0);
    const allowance = LIMITS.maxDocumentBytes + LIMITS.maxDocumentBytes / 8;
    assert.ok(bytes < allowance + 4 * 1024, `stored ${bytes} bytes against an allowance of ${allowance}`);
    await waitFor(() => readerDoc.store.clients.size - clientsBefore >= 10, 'the deleted edits taken at the cap relayed');
    assert.is(storedText(harness, doc), stored);

    // Past the allowance, deleting is still the way back under the cap.
    notes(writerDoc).delete(0, 5 * CHUNK);
    const kept = stored.slice(5 * CHUNK);
    await waitFor(() => storedText(harness, doc) === kept, 'the deletion stored');
    await new Promise((resolve) => setTimeout(resolve, CAP_MIN_RECOMPACTION_MS + 100));
    notes(writerDoc).insert(0, 'back ');
    await waitFor(() => storedText(harness, doc) === `back ${kept}`, 'a write taken after the deletion');
  }));

test.run();
