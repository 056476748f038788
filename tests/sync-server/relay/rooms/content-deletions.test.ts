// watchContentDeletions: only a delete of content the document held before counts, not a struct
// that arrives already deleted (a refused client's deleted edit) nor a delete repeated.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { watchContentDeletions } from '../../../../sync-server/relay/rooms/content-deletions.ts';

const test = suite('watchContentDeletions');

function shared(text: string): { room: Y.Doc; client: Y.Doc } {
  const client = new Y.Doc();
  client.getText('t').insert(0, text);
  const room = new Y.Doc();
  Y.applyUpdate(room, Y.encodeStateAsUpdate(client));
  return { room, client };
}

function edit(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change();
  return Y.encodeStateAsUpdate(doc, before);
}

test('deleting content the doc held counts; repeating it does not', () => {
  const { room, client } = shared('hello');
  const deletion = edit(client, () => client.getText('t').delete(0, 2));
  const first = watchContentDeletions(room);
  Y.applyUpdate(room, deletion);
  assert.ok(first.stop());
  const again = watchContentDeletions(room);
  Y.applyUpdate(room, deletion);
  assert.not.ok(again.stop());
});

test('an edit that arrives already deleted does not count, nor does an insertion', () => {
  const { room, client } = shared('hello');
  const ghost = new Y.Doc();
  ghost.getText('t').insert(0, 'gone');
  ghost.getText('t').delete(0, 4);
  const watch = watchContentDeletions(room);
  Y.applyUpdate(room, Y.encodeStateAsUpdate(ghost));
  Y.applyUpdate(room, edit(client, () => client.getText('t').insert(5, '!')));
  assert.not.ok(watch.stop());
  assert.is(room.getText('t').toString(), 'hello!');
});

test.run();
