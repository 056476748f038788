// Change notification without encoding: onDocChange (and the DocRead built on it) hears inserts,
// deletions and remote updates, not a transaction that changed nothing, and registers no 'update'
// listener, so Yjs never encodes a transaction for them (the viewer's initial sync of a whole
// meeting included).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import { onDocChange } from '../../../extension/live/doc-change.ts';
import { DocRead } from '../../../extension/live/doc-read.ts';

const updateListeners = (doc: Y.Doc) => doc._observers.get('update')?.size ?? 0;

test('inserts, deletions and remote updates are changes; an empty transaction is not', () => {
  const doc = new Y.Doc();
  let heard = 0;
  const stop = onDocChange(doc, () => heard++);
  doc.getText('t').insert(0, 'abc');
  assert.is(heard, 1);
  doc.getText('t').delete(0, 1);
  assert.is(heard, 2);
  doc.transact(() => {});
  assert.is(heard, 2, 'nothing changed');
  const other = new Y.Doc();
  other.getMap('m').set('k', 1);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
  assert.is(heard, 3);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
  assert.is(heard, 3, 'an update the doc already holds changes nothing');
  stop();
  doc.getText('t').insert(0, 'x');
  assert.is(heard, 3, 'stopped');
});

test('a DocRead recomputes after a change and asks Yjs for no update encoding', () => {
  const doc = new Y.Doc();
  let reads = 0;
  const read = new DocRead(doc, (d) => {
    reads++;
    return d.getText('t').toString();
  });
  assert.is(read.current, '');
  assert.is(read.current, '');
  assert.is(reads, 1, 'cached while unchanged');
  doc.getText('t').insert(0, 'hi');
  assert.is(read.current, 'hi');
  assert.is(reads, 2);
  assert.is(updateListeners(doc), 0);
  read.destroy();
  doc.getText('t').insert(0, '!');
  assert.is(updateListeners(doc), 0);
});

test.run();
