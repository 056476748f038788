import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  addItem, meetingView, moveItem, removeItem, setItemDone,
  updateItem,
} from '../../crdt/index.ts';
import { cloneDoc, invalidInput, meetingWith, sync, T0 } from './helpers.ts';

const items = suite('agenda items');
const titles = (doc: Parameters<typeof meetingView>[0]) => meetingView(doc, T0).items.map((i) => i.title);

items('addItem appends by default and inserts at an index', () => {
  const { doc, random } = meetingWith([5, 5]);
  addItem(doc, { random, title: 'Last', plannedSec: 60 });
  addItem(doc, { random, title: 'First', plannedSec: 60, index: 0 });
  addItem(doc, { random, title: 'Middle', plannedSec: 60, index: 2, owner: 'Ann', prompt: 'Why?', notes: 'seed' });
  assert.equal(titles(doc), ['First', 'Item 1', 'Middle', 'Item 2', 'Last']);
  const middle = meetingView(doc, T0).items[2]!;
  assert.is(middle.owner, 'Ann');
  assert.is(middle.prompt, 'Why?');
  assert.is(middle.notes, 'seed');
  assert.is(middle.index, 2);
  assert.is(middle.done, false);
  assert.is(middle.state, 'upcoming');
});

items('addItem refuses a planned time that is not whole non-negative seconds', () => {
  const { doc, random } = meetingWith([]);
  assert.throws(() => addItem(doc, { random, title: 'x', plannedSec: 1.5 }), invalidInput);
  assert.throws(() => addItem(doc, { random, title: 'x', plannedSec: -1 }), invalidInput);
});

items('updateItem (title, planned time, owner), setItemDone', () => {
  const { doc, items: ids } = meetingWith([5, 5]);
  const id = ids[0]!;
  assert.ok(updateItem(doc, id, { title: 'Intro' }));
  assert.ok(updateItem(doc, id, { plannedSec: 90 }));
  assert.ok(updateItem(doc, id, { owner: 'Bo' }));
  assert.ok(setItemDone(doc, id, true));
  assert.ok(updateItem(doc, id, { prompt: 'Say hello' }));
  const v = meetingView(doc, T0).items[0]!;
  assert.equal([v.title, v.plannedSec, v.owner, v.done, v.prompt], ['Intro', 90, 'Bo', true, 'Say hello']);
});

items('moveItem reorders; removeItem removes; both return false for a missing item', () => {
  const { doc, items: ids } = meetingWith([1, 2, 3, 4]);
  assert.ok(moveItem(doc, ids[3]!, 0));
  assert.equal(titles(doc), ['Item 4', 'Item 1', 'Item 2', 'Item 3']);
  assert.ok(moveItem(doc, ids[3]!, 3));
  assert.equal(titles(doc), ['Item 1', 'Item 2', 'Item 3', 'Item 4']);
  assert.ok(moveItem(doc, ids[0]!, 2));
  assert.equal(titles(doc), ['Item 2', 'Item 3', 'Item 1', 'Item 4']);
  assert.ok(removeItem(doc, ids[2]!));
  assert.equal(titles(doc), ['Item 2', 'Item 1', 'Item 4']);
  assert.not.ok(removeItem(doc, ids[2]!));
  assert.not.ok(moveItem(doc, ids[2]!, 0));
  assert.not.ok(updateItem(doc, ids[2]!, { title: 'gone' }));
});

items('many moves into the same gap stay ordered (keys are renumbered when halving runs out)', () => {
  const { doc, items: ids } = meetingWith([1, 2, 3]);
  for (let i = 0; i < 120; i++) moveItem(doc, ids[i % 2 === 0 ? 2 : 1]!, 1);
  const order = titles(doc);
  assert.is(order.length, 3);
  assert.is(order[0], 'Item 1');
  assert.equal(new Set(order).size, 3);
});

items('concurrent moves of one item converge without duplicating it or its notes', () => {
  const { doc: a, items: ids } = meetingWith([1, 2, 3, 4]);
  const b = cloneDoc(a);
  moveItem(a, ids[0]!, 3);
  moveItem(b, ids[0]!, 1);
  sync(a, b);
  assert.equal(titles(a), titles(b));
  assert.is(titles(a).length, 4);
});

items('an edit of an item removed concurrently does not bring it back', () => {
  const { doc: a, items: ids } = meetingWith([1, 2]);
  const b = cloneDoc(a);
  removeItem(a, ids[0]!);
  updateItem(b, ids[0]!, { title: 'Renamed' });
  sync(a, b);
  assert.equal(titles(a), ['Item 2']);
  assert.equal(titles(b), ['Item 2']);
});

items.run();
