// applyAndCollect decides what an applied write commits: a fresh incremental update as sent (the
// same bytes, no re-encode), and anything that overlaps the doc, or is a sync step 2 or deletes
// only, as the doc re-encodes it, so bytes the doc skipped are never stored.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { applyAndCollect } from '../../../../sync-server/relay/rooms/apply-update.ts';

const test = suite('applyAndCollect');

function typed(text: string): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getText('t').insert(0, text);
  return { doc, update: update! };
}

test('a fresh incremental update is collected as sent', () => {
  const { update } = typed('hello');
  const room = new Y.Doc();
  const collected: Uint8Array[] = [];
  assert.is(applyAndCollect(room, { update, incremental: true }, null, collected), 'applied');
  assert.is(collected.length, 1);
  assert.ok(collected[0] === update, 'the very bytes the client sent');
  assert.is(room.getText('t').toString(), 'hello');
});

test('forged bytes under ids the doc holds are not collected', () => {
  const { update } = typed('hello');
  const room = new Y.Doc();
  Y.applyUpdate(room, update);
  // The same struct ids with other content: Yjs skips them, so nothing may be stored.
  const forged = Uint8Array.from(update);
  const at = Buffer.from(forged).indexOf(Buffer.from('hello'));
  forged.set(Buffer.from('HELLO'), at);
  const collected: Uint8Array[] = [];
  assert.is(applyAndCollect(room, { update: forged, incremental: true }, null, collected), 'applied');
  assert.equal(collected, []);
  assert.is(room.getText('t').toString(), 'hello');
});

test('a sync step 2 is collected as the doc re-encodes it', () => {
  const { doc } = typed('hello');
  const room = new Y.Doc();
  const step2 = Y.encodeStateAsUpdate(doc);
  const collected: Uint8Array[] = [];
  assert.is(applyAndCollect(room, { update: step2, incremental: false }, null, collected), 'applied');
  assert.is(collected.length, 1);
  assert.ok(collected[0] !== step2, 're-encoded');
  const replica = new Y.Doc();
  Y.applyUpdate(replica, collected[0]!);
  assert.is(replica.getText('t').toString(), 'hello');
});

test('a delete-only update that deletes nothing new is not collected', () => {
  const writer = new Y.Doc();
  writer.getText('t').insert(0, 'abc');
  const room = new Y.Doc();
  Y.applyUpdate(room, Y.encodeStateAsUpdate(writer));
  let deletion: Uint8Array | null = null;
  writer.on('update', (u: Uint8Array) => (deletion = u));
  writer.getText('t').delete(0, 1);
  const first: Uint8Array[] = [];
  assert.is(applyAndCollect(room, { update: deletion!, incremental: true }, null, first), 'applied');
  assert.is(first.length, 1, 'the first delete is new');
  const again: Uint8Array[] = [];
  assert.is(applyAndCollect(room, { update: deletion!, incremental: true }, null, again), 'applied');
  assert.equal(again, [], 'repeating it stores nothing');
});

test('at the size cap, a write that adds content is full and leaves the doc untouched; deletions and deleted structs apply', () => {
  const { doc: source, update } = typed('hello');
  const room = new Y.Doc();
  Y.applyUpdate(room, update);
  const before = Y.encodeStateVector(source);
  source.getText('t').insert(5, ' world');
  const growth = Y.encodeStateAsUpdate(source, before);
  const collected: Uint8Array[] = [];
  assert.is(applyAndCollect(room, { update: growth, incremental: true }, null, collected, 'deletions'), 'full');
  assert.equal(collected, []);
  assert.is(room.getText('t').toString(), 'hello');
  // An echo of what the doc holds adds nothing, so it is no growth either.
  assert.is(applyAndCollect(room, { update, incremental: false }, null, collected, 'deletions'), 'applied');
  assert.equal(collected, []);
  // The refused edit, deleted on its client before it syncs again: its struct no longer carries
  // the text, and the deletion of 'he' comes with it.
  source.getText('t').delete(0, source.getText('t').length);
  const step2 = Y.encodeStateAsUpdate(source, Y.encodeStateVector(room));
  assert.ok(Y.decodeUpdate(step2).structs.every((struct) => !(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted));
  assert.is(applyAndCollect(room, { update: step2, incremental: false }, null, collected, 'deletions'), 'applied');
  assert.is(room.getText('t').toString(), '');
  assert.is(collected.length, 1, 'the deletion is committed');
});

test('past the allowance above the cap, no struct the doc lacks applies, not even a deleted one; deletions do', () => {
  const { doc: source, update } = typed('hello');
  const room = new Y.Doc();
  Y.applyUpdate(room, update);
  const mirror = new Y.Doc();
  Y.applyUpdate(mirror, update);
  source.getText('t').insert(0, 'x');
  source.getText('t').delete(0, 1);
  const deletedStruct = Y.encodeStateAsUpdate(source, Y.encodeStateVector(room));
  const collected: Uint8Array[] = [];
  assert.is(applyAndCollect(room, { update: deletedStruct, incremental: false }, null, collected, 'none'), 'full');
  assert.equal(collected, []);
  let deletion: Uint8Array | null = null;
  mirror.on('update', (u: Uint8Array) => (deletion = u));
  mirror.getText('t').delete(0, 2);
  assert.is(applyAndCollect(room, { update: deletion!, incremental: true }, null, collected, 'none'), 'applied');
  assert.is(room.getText('t').toString(), 'llo');
  assert.is(collected.length, 1, 'the deletion is committed');
  // A reconnecting editor's step 2: its whole delete set, nothing new.
  const step2 = Y.encodeStateAsUpdate(mirror, Y.encodeStateVector(room));
  assert.is(applyAndCollect(room, { update: step2, incremental: false }, null, collected, 'none'), 'applied');
  assert.is(collected.length, 1, 'nothing more to store');
});

test.run();
