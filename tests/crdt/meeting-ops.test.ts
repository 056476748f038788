import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import {
  createMeeting, itemNotesText, meetingNotesText, meetingView, newId, updateMeeting,
} from '../../crdt/index.ts';
import type { ItemId, MeetingId, TemplateId } from '../../crdt/index.ts';
import { invalidInput, meetingWith, seededRandom, T0 } from './helpers.ts';

const meta = suite('meeting meta');

meta('createMeeting writes the meta the view reads back', () => {
  const random = seededRandom(1);
  const doc = new Y.Doc();
  const id: MeetingId = newId(random);
  const templateId: TemplateId = newId(random);
  createMeeting(doc, { id, title: 'Planning', now: T0, scheduledFor: T0 + 3600_000, durationSec: 1800, templateId });
  const v = meetingView(doc, T0);
  assert.is(v.id, id);
  assert.is(v.title, 'Planning');
  assert.is(v.createdAt, T0);
  assert.is(v.scheduledFor, T0 + 3600_000);
  assert.is(v.durationSec, 1800);
  assert.is(v.templateId, templateId);
  assert.is(v.followUpOf, null);
  assert.is(v.endedAt, null);
  assert.is(v.status, 'planned');
  assert.equal(v.warnings, []);
  assert.ok(Object.isFrozen(v));
});

meta('createMeeting refuses a malformed id or duration', () => {
  const doc = new Y.Doc();
  assert.throws(() => createMeeting(doc, { id: 'x' as MeetingId, title: 't', now: T0 }), invalidInput);
  const id: MeetingId = newId(seededRandom(2));
  assert.throws(() => createMeeting(doc, { id, title: 't', now: T0, durationSec: -5 }), invalidInput);
});

meta('updateMeeting changes only what it names', () => {
  const { doc } = meetingWith([10, 20]);
  updateMeeting(doc, { scheduledFor: T0 + 1000, durationSec: 1200 });
  updateMeeting(doc, { title: 'Retro' });
  let v = meetingView(doc, T0);
  assert.is(v.title, 'Retro');
  assert.is(v.scheduledFor, T0 + 1000);
  assert.is(v.durationSec, 1200);
  updateMeeting(doc, { scheduledFor: null, durationSec: null });
  v = meetingView(doc, T0);
  assert.is(v.scheduledFor, null);
  assert.is(v.durationSec, null);
  assert.is(v.title, 'Retro');
});

meta('planned length: the booked duration when set, else the items; planFits flags overbooking', () => {
  const { doc } = meetingWith([10, 25]);
  let v = meetingView(doc, T0);
  assert.is(v.itemsPlannedSec, 2100);
  assert.is(v.plannedSec, 2100);
  assert.ok(v.planFits);
  updateMeeting(doc, { durationSec: 1800 });
  v = meetingView(doc, T0);
  assert.is(v.plannedSec, 1800);
  assert.not.ok(v.planFits);
  updateMeeting(doc, { durationSec: 2400 });
  assert.ok(meetingView(doc, T0).planFits);
});

const notes = suite('notes texts');

notes('meetingNotesText and itemNotesText are the shared texts the views read', () => {
  const { doc, items } = meetingWith([5, 5]);
  meetingNotesText(doc).insert(0, 'Agenda agreed.');
  const text = itemNotesText(doc, items[1]!);
  assert.ok(text instanceof Y.Text);
  text!.insert(0, 'Item two notes');
  const v = meetingView(doc, T0);
  assert.is(v.notes, 'Agenda agreed.');
  assert.is(v.items[1]!.notes, 'Item two notes');
  assert.is(v.items[0]!.notes, '');
});

notes('itemNotesText is null for an unknown item', () => {
  const { doc } = meetingWith([5]);
  assert.is(itemNotesText(doc, newId<ItemId>(seededRandom(99))), null);
});

meta.run();
notes.run();
