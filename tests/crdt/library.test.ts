import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import {
  addIndexEntry, BUILTIN_TEMPLATES, createTemplate, deleteForever, duplicateTemplate, findTemplate, libraryView,
  meetingIndexEntry, moveToTrash, newId, startMeeting, updateTemplate,
} from '../../crdt/index.ts';
import type { MeetingId, TemplateId } from '../../crdt/index.ts';
import { at, cloneDoc, meetingWith, seededRandom, sync, T0 } from './helpers.ts';

const templates = suite('templates');
const random = seededRandom(11);
const items = [{ title: 'Intro', plannedSec: 120, prompt: 'Who is here?' }, { title: 'Demo', plannedSec: 600, prompt: '' }];

templates('the six built-ins come first, with time boxes and prompts', () => {
  const v = libraryView(new Y.Doc());
  assert.equal(v.templates.map((t) => t.name), ['Daily standup', 'Weekly team meeting', '1:1', 'Retrospective', 'Sprint planning', 'Brainstorm']);
  for (const t of v.templates) {
    assert.ok(t.builtIn);
    assert.ok(t.items.length >= 3);
    assert.ok(t.items.every((i) => i.plannedSec > 0 && i.prompt !== ''));
    assert.is(t.itemsPlannedSec, t.items.reduce((s, i) => s + i.plannedSec, 0));
  }
  assert.is(BUILTIN_TEMPLATES[0]!.itemsPlannedSec, 15 * 60);
});

templates('createTemplate, updateTemplate; a template deleted for good is gone', () => {
  const lib = new Y.Doc();
  const id = createTemplate(lib, { random, now: T0, name: 'Demo day', description: 'Show work', items });
  let t = libraryView(lib).templates.find((x) => x.id === id)!;
  assert.equal([t.name, t.description, t.builtIn, t.itemsPlannedSec, t.createdAt, t.updatedAt], ['Demo day', 'Show work', false, 720, T0, T0]);
  assert.equal(t.items, items);
  assert.ok(updateTemplate(lib, id, { items: items.slice(1), durationSec: 900 }, T0 + 1));
  assert.ok(updateTemplate(lib, id, { name: 'Demo hour' }, T0 + 2));
  t = findTemplate(lib, id)!;
  assert.equal([t.name, t.items.length, t.durationSec, t.updatedAt], ['Demo hour', 1, 900, T0 + 2]);
  assert.ok(moveToTrash(lib, { kind: 'template', id }, T0 + 3));
  assert.ok(deleteForever(lib, { kind: 'template', id }));
  assert.is(findTemplate(lib, id), null);
  assert.not.ok(deleteForever(lib, { kind: 'template', id }));
  assert.not.ok(updateTemplate(lib, id, { name: 'x' }, T0));
});

templates('duplicateTemplate copies a built-in or an own template', () => {
  const lib = new Y.Doc();
  const builtIn = BUILTIN_TEMPLATES[3]!;
  const copy = duplicateTemplate(lib, builtIn.id, { random, now: T0 })!;
  const t = findTemplate(lib, copy)!;
  assert.is(t.name, 'Retrospective (copy)');
  assert.not.ok(t.builtIn);
  assert.equal(t.items, builtIn.items);
  const again = duplicateTemplate(lib, copy, { random, now: T0, name: 'Retro v2' })!;
  assert.is(findTemplate(lib, again)!.name, 'Retro v2');
  assert.is(duplicateTemplate(lib, newId<TemplateId>(random), { random, now: T0 }), null);
  assert.equal(libraryView(lib).templates.slice(6).map((x) => x.name), ['Retro v2', 'Retrospective (copy)']);
});

const index = suite('meeting index');

index('addIndexEntry adds and updates in place; newest first; deleted for good is gone', () => {
  const lib = new Y.Doc();
  const m1: MeetingId = newId(random);
  const m2: MeetingId = newId(random);
  addIndexEntry(lib, { id: m1, title: 'Old', scheduledFor: T0, status: 'planned', createdAt: T0, followUpOf: null }, T0);
  addIndexEntry(lib, { id: m2, title: 'New', scheduledFor: T0 + 86_400_000, status: 'planned', createdAt: T0, followUpOf: m1 }, T0);
  assert.equal(libraryView(lib).meetings.map((m) => m.title), ['New', 'Old']);
  addIndexEntry(lib, { id: m1, title: 'Old (done)', scheduledFor: null, status: 'ended', createdAt: T0, followUpOf: null }, T0 + 5);
  const e = libraryView(lib).meetings.find((m) => m.id === m1)!;
  assert.equal([e.title, e.status, e.scheduledFor, e.updatedAt, e.createdAt], ['Old (done)', 'ended', null, T0 + 5, T0]);
  assert.is(libraryView(lib).meetings[0]!.followUpOf, m1);
  assert.ok(moveToTrash(lib, { kind: 'meeting', id: m2 }, T0 + 6));
  assert.ok(deleteForever(lib, { kind: 'meeting', id: m2 }));
  assert.equal(libraryView(lib).trash, []);
  assert.equal(libraryView(lib).meetings.map((m) => m.id), [m1]);
});

index('meetingIndexEntry reflects the meeting document; re-adding updates in place', () => {
  const lib = new Y.Doc();
  const { doc, id } = meetingWith([5]);
  addIndexEntry(lib, meetingIndexEntry(doc, T0)!, T0);
  startMeeting(doc, at(T0 + 1000));
  addIndexEntry(lib, meetingIndexEntry(doc, T0 + 2000)!, T0 + 2000);
  const entries = libraryView(lib).meetings;
  assert.is(entries.length, 1);
  assert.equal([entries[0]!.id, entries[0]!.status, entries[0]!.title], [id, 'running', 'Weekly sync']);
  assert.is(meetingIndexEntry(new Y.Doc(), T0), null);
});

index('re-adding an unchanged entry writes nothing', () => {
  const lib = new Y.Doc();
  const { doc } = meetingWith([5]);
  addIndexEntry(lib, meetingIndexEntry(doc, T0)!, T0);
  let updates = 0;
  lib.on('update', () => updates++);
  addIndexEntry(lib, meetingIndexEntry(doc, T0 + 1)!, T0 + 1);
  assert.is(updates, 0);
  assert.is(libraryView(lib).meetings[0]!.updatedAt, T0);
});

index('two devices editing different fields of one entry both keep their edit', () => {
  const a = new Y.Doc();
  const m: MeetingId = newId(random);
  addIndexEntry(a, { id: m, title: 'Sync', scheduledFor: null, status: 'planned', createdAt: T0, followUpOf: null }, T0);
  const b = cloneDoc(a);
  // Each device writes the whole entry; only the fields that changed are written.
  addIndexEntry(a, { id: m, title: 'Team sync', scheduledFor: null, status: 'planned', createdAt: T0, followUpOf: null }, T0 + 1);
  addIndexEntry(b, { id: m, title: 'Sync', scheduledFor: null, status: 'running', createdAt: T0, followUpOf: null }, T0 + 2);
  sync(a, b);
  const e = libraryView(b).meetings[0]!;
  assert.equal([e.title, e.status], ['Team sync', 'running']);
  assert.equal(libraryView(a), libraryView(b));
});

templates.run();
index.run();
