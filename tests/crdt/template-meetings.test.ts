import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import {
  addAction, BUILTIN_TEMPLATES, createFollowUp, createMeetingFromTemplate, findTemplate, itemNotesText, meetingView,
  clockView, endMeeting, jumpToItem, nextItem, readClockLog, startMeeting,
  newId, NotAMeetingError, saveMeetingAsTemplate, setItemDone, updateAction, updateItem, updateMeeting,
} from '../../crdt/index.ts';
import type { MeetingId } from '../../crdt/index.ts';
import { at, meetingWith, MIN, seededRandom, T0 } from './helpers.ts';

const fromTemplate = suite('templates and meetings');
const random = seededRandom(21);

fromTemplate('createMeetingFromTemplate copies the items, time boxes and prompts', () => {
  const template = BUILTIN_TEMPLATES[0]!;
  const doc = new Y.Doc();
  const id: MeetingId = newId(random);
  createMeetingFromTemplate(doc, template, { id, random, now: T0, scheduledFor: T0 + 60_000 });
  const v = meetingView(doc, T0);
  assert.equal([v.id, v.title, v.templateId, v.scheduledFor], [id, 'Daily standup', template.id, T0 + 60_000]);
  assert.equal(v.items.map((i) => [i.title, i.plannedSec, i.prompt]), template.items.map((i) => [i.title, i.plannedSec, i.prompt]));
  assert.ok(v.items.every((i) => i.notes === '' && itemNotesText(doc, i.id) !== null));
});

fromTemplate('saveMeetingAsTemplate keeps the agenda and booked length, not the notes', () => {
  const { doc, items } = meetingWith([5, 15]);
  updateMeeting(doc, { durationSec: 1500 });
  itemNotesText(doc, items[0]!)!.insert(0, 'private');
  const lib = new Y.Doc();
  const tid = saveMeetingAsTemplate(doc, lib, { random, now: T0, name: 'Our sync' });
  const t = findTemplate(lib, tid)!;
  assert.equal([t.name, t.durationSec, t.items.map((i) => i.title)], ['Our sync', 1500, ['Item 1', 'Item 2']]);
  assert.equal(t.items.map((i) => i.plannedSec), [300, 900]);
  const again = createMeetingFromTemplate(new Y.Doc(), t, { id: newId(random), random, now: T0 });
  assert.ok(again);
});

const followUp = suite('follow-up');

followUp('createFollowUp carries unfinished items and open actions, linking back', () => {
  const { doc, id, items } = meetingWith([5, 10, 15]);
  setItemDone(doc, items[0]!, true);
  updateItem(doc, items[2]!, { owner: 'Cy' });
  itemNotesText(doc, items[1]!)!.insert(0, 'old notes');
  addAction(doc, { random, now: T0, text: 'Open, on item 2', owner: 'Ann', due: '2026-12-01', itemId: items[1]! });
  addAction(doc, { random, now: T0, text: 'Open, on done item 1', itemId: items[0]! });
  const done = addAction(doc, { random, now: T0, text: 'Done already' });
  updateAction(doc, done, { done: true });
  const next = new Y.Doc();
  const nextId: MeetingId = newId(random);
  createFollowUp(doc, next, { id: nextId, random, now: T0 + 7 * 86_400_000, scheduledFor: T0 + 7 * 86_400_000 });
  const v = meetingView(next, T0);
  assert.equal([v.id, v.followUpOf, v.title], [nextId, id, 'Weekly sync']);
  assert.equal(v.items.map((i) => [i.title, i.plannedSec, i.owner, i.notes, i.done]), [
    ['Item 2', 600, '', '', false],
    ['Item 3', 900, 'Cy', '', false],
  ]);
  assert.equal(v.actions.map((a) => [a.text, a.owner, a.due, a.done]), [
    ['Open, on item 2', 'Ann', '2026-12-01', false],
    ['Open, on done item 1', '', null, false],
  ]);
  assert.is(v.actions[0]!.itemId, v.items[0]!.id);
  assert.is(v.actions[1]!.itemId, null);
  assert.equal([v.decisions, v.clock.started], [[], false]);
  // Carried actions say where they came from; the follow-up's own do not, nor the original's.
  assert.equal(v.actions.map((a) => a.carriedFrom), [id, id]);
  addAction(next, { random, now: T0, text: 'New in the follow-up' });
  assert.is(meetingView(next, T0).actions[2]!.carriedFrom, null);
  assert.ok(meetingView(doc, T0).actions.every((a) => a.carriedFrom === null));
});

followUp('createFollowUp takes the title and time it is given', () => {
  const { doc } = meetingWith([5]);
  const next = new Y.Doc();
  createFollowUp(doc, next, { id: newId(random), random, now: T0, title: 'Weekly sync (follow-up)', scheduledFor: T0 + 86_400_000 });
  const v = meetingView(next, T0);
  assert.equal([v.title, v.scheduledFor], ['Weekly sync (follow-up)', T0 + 86_400_000]);
});

followUp('createFollowUp leaves behind items the meeting moved past with Next, carries skipped and cut-short ones', () => {
  const { doc, items } = meetingWith([5, 10, 15, 20]);
  startMeeting(doc, at(T0));
  nextItem(doc, items[0]!, at(T0 + 4 * MIN));
  jumpToItem(doc, items[2]!, at(T0 + 9 * MIN));
  endMeeting(doc, at(T0 + 20 * MIN));
  const next = new Y.Doc();
  createFollowUp(doc, next, { id: newId(random), random, now: T0 + 86_400_000 });
  assert.equal(meetingView(next, T0).items.map((i) => i.title), ['Item 2', 'Item 3', 'Item 4']);
  assert.equal(clockView(readClockLog(doc), T0 + 21 * MIN).completed, [items[0]!]);
});

followUp('createFollowUp needs a meeting with an id', () => {
  assert.throws(() => createFollowUp(new Y.Doc(), new Y.Doc(), { id: newId(random), random, now: T0 }), (e: unknown) => e instanceof NotAMeetingError);
});

fromTemplate.run();
followUp.run();
