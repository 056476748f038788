// applyClientUpdate: malformed bytes are refused untouched; updates that would leave new pending
// structs or deletes taint the doc; updates that resolve or ignore older pending state do not.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { applyClientUpdate, hasPending } from '../../../sync-server/rooms/apply-update.ts';

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

test('a missing dependency or a delete of an unknown item taints the doc', () => {
  assert.is(applyClientUpdate(new Y.Doc(), twoSteps().second, null), 'tainted');
  assert.is(applyClientUpdate(new Y.Doc(), deleteOfUnknownItem(), null), 'tainted');
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
