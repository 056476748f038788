// applyClientUpdate: malformed bytes are refused untouched; updates whose dependencies the doc
// lacks wait, untouched; updates that resolve or ignore older pending state apply.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { applyClientUpdate, hasPending } from '../../../../sync-server/relay/rooms/apply-update.ts';

function twoSteps(): { first: Uint8Array; second: Uint8Array } {
  const source = new Y.Doc();
  source.getText('t').insert(0, 'first');
  const first = Y.encodeStateAsUpdate(source);
  source.getText('t').insert(5, ' second');
  return { first, second: Y.encodeStateAsUpdate(source, Y.encodeStateVectorFromUpdate(first)) };
}

function deleteOfUnknownItem(): Uint8Array {
  const source = new Y.Doc();
  source.getText('t').insert(0, 'abc');
  const sv = Y.encodeStateVector(source);
  source.getText('t').delete(0, 1);
  return Y.encodeStateAsUpdate(source, sv);
}

const test = suite('applyClientUpdate');

test('a valid update applies', () => {
  const doc = new Y.Doc();
  assert.is(applyClientUpdate(doc, twoSteps().first, null), 'applied');
  assert.is(doc.getText('t').toString(), 'first');
});

test('malformed bytes are refused and the doc is untouched', () => {
  const doc = new Y.Doc();
  assert.is(applyClientUpdate(doc, new Uint8Array([1, 200, 3, 4, 5, 6, 7, 8]), null), 'refused');
  assert.is(applyClientUpdate(doc, new Uint8Array([]), null), 'refused');
  assert.equal(Y.encodeStateVector(doc), Y.encodeStateVector(new Y.Doc()));
});

test('a missing dependency or a delete of an unknown item waits and leaves the doc untouched', () => {
  for (const update of [twoSteps().second, deleteOfUnknownItem()]) {
    const doc = new Y.Doc();
    assert.is(applyClientUpdate(doc, update, null), 'waiting');
    assert.not.ok(hasPending(doc));
    assert.equal(Y.encodeStateVector(doc), Y.encodeStateVector(new Y.Doc()));
  }
});

test("an edit next to, or deleting, another client's items the doc holds applies at once", () => {
  const relay = new Y.Doc();
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.getText('t').insert(0, 'abc');
  Y.applyUpdate(relay, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const before = Y.encodeStateVector(b);
  b.getText('t').insert(2, 'X');
  b.getText('t').delete(0, 1);
  assert.is(applyClientUpdate(relay, Y.encodeStateAsUpdate(b, before), null), 'applied');
  assert.is(relay.getText('t').toString(), 'bXc');
});

test('an edit typed after offline edits waits until the state carrying them arrives', () => {
  const relay = new Y.Doc();
  const client = new Y.Doc();
  client.getText('t').insert(0, 'online ');
  Y.applyUpdate(relay, Y.encodeStateAsUpdate(client));
  client.getText('t').insert(0, 'offline ');
  const before = Y.encodeStateVector(client);
  client.getText('t').insert(0, 'k');
  const typed = Y.encodeStateAsUpdate(client, before);
  assert.is(applyClientUpdate(relay, typed, null), 'waiting');
  assert.is(relay.getText('t').toString(), 'online ');
  assert.is(applyClientUpdate(relay, Y.encodeStateAsUpdate(client, Y.encodeStateVector(relay)), null), 'applied');
  assert.is(applyClientUpdate(relay, typed, null), 'applied');
  assert.is(relay.getText('t').toString(), 'koffline online ');
  assert.not.ok(hasPending(relay));
});

test('older pending state neither taints an unrelated update nor its own resolution', () => {
  const doc = new Y.Doc();
  const { first, second } = twoSteps();
  Y.applyUpdate(doc, second);
  assert.ok(hasPending(doc));
  const other = new Y.Doc();
  other.getMap('m').set('k', 1);
  assert.is(applyClientUpdate(doc, Y.encodeStateAsUpdate(other), null), 'applied');
  assert.is(applyClientUpdate(doc, first, null), 'applied');
  assert.not.ok(hasPending(doc));
  assert.is(doc.getText('t').toString(), 'first second');
});

test.run();
