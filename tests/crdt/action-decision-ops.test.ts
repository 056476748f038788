import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  addAction, addDecision, meetingView, removeAction, removeDecision, updateAction, updateDecision,
} from '../../crdt/index.ts';
import { cloneDoc, invalidInput, meetingWith, sync, T0 } from './helpers.ts';

const actions = suite('action items');

actions('addAction, updateAction (fields, done), removeAction', () => {
  const { doc, random, items } = meetingWith([5, 5]);
  const id = addAction(doc, { random, now: T0 + 1, text: 'Send the deck', owner: 'Ann', due: '2026-12-01', itemId: items[1]! });
  let a = meetingView(doc, T0).actions[0]!;
  assert.equal(a, { id, text: 'Send the deck', owner: 'Ann', due: '2026-12-01', done: false, itemId: items[1]!, createdAt: T0 + 1, carriedFrom: null });
  assert.ok(updateAction(doc, id, { text: 'Send the slides', owner: 'Bo', due: null, itemId: null }));
  assert.ok(updateAction(doc, id, { done: true }));
  a = meetingView(doc, T0).actions[0]!;
  assert.equal([a.text, a.owner, a.due, a.itemId, a.done], ['Send the slides', 'Bo', null, null, true]);
  assert.ok(removeAction(doc, id));
  assert.equal(meetingView(doc, T0).actions, []);
  assert.not.ok(updateAction(doc, id, { done: false }));
  assert.not.ok(removeAction(doc, id));
});

actions('a due date must be a calendar date', () => {
  const { doc, random } = meetingWith([5]);
  assert.throws(() => addAction(doc, { random, now: T0, text: 'x', due: 'next week' }), invalidInput);
  const id = addAction(doc, { random, now: T0, text: 'x' });
  assert.throws(() => updateAction(doc, id, { due: '12/01/2026' }), invalidInput);
});

actions('concurrent edits of different fields of one action both survive', () => {
  const { doc: a, random } = meetingWith([5]);
  const id = addAction(a, { random, now: T0, text: 'Draft plan' });
  const b = cloneDoc(a);
  updateAction(a, id, { owner: 'Ann' });
  updateAction(b, id, { done: true });
  sync(a, b);
  const view = meetingView(b, T0).actions[0]!;
  assert.is(view.owner, 'Ann');
  assert.is(view.done, true);
});

const decisions = suite('decisions');

decisions('addDecision, updateDecision, removeDecision keep insertion order', () => {
  const { doc, random, items } = meetingWith([5]);
  const first = addDecision(doc, { random, now: T0, text: 'Ship Friday' });
  const second = addDecision(doc, { random, now: T0 + 5, text: 'Hire two', itemId: items[0]! });
  assert.equal(meetingView(doc, T0).decisions.map((d) => d.text), ['Ship Friday', 'Hire two']);
  assert.ok(updateDecision(doc, first, { text: 'Ship Monday', itemId: items[0]! }));
  const d = meetingView(doc, T0).decisions[0]!;
  assert.equal([d.text, d.itemId, d.createdAt], ['Ship Monday', items[0]!, T0]);
  assert.ok(removeDecision(doc, second));
  assert.equal(meetingView(doc, T0).decisions.map((x) => x.id), [first]);
  assert.not.ok(updateDecision(doc, second, { text: 'gone' }));
});

actions.run();
decisions.run();
