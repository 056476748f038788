import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as Y from 'yjs';
import {
  clockView, libraryView, meetingMarkdown, meetingReport, meetingView, readClockLog, SCHEMA_VERSION, startMeeting,
} from '../../crdt/index.ts';
import { at, meetingWith, T0 } from './helpers.ts';

const broken = suite('documents from newer or broken clients');
const where = (w: readonly { where: string }[]) => w.map((x) => x.where);

broken('malformed items are skipped or defaulted, each with a warning', () => {
  const { doc } = meetingWith([5]);
  const items = doc.getArray<unknown>('items');
  const noId = new Y.Map<unknown>();
  noId.set('title', 'no id');
  const badFields = new Y.Map<unknown>();
  badFields.set('id', 'badFieldsbadFields0001');
  badFields.set('title', 42);
  badFields.set('plannedSec', 'ten');
  badFields.set('notes', 'plain string');
  badFields.set('done', 'yes');
  badFields.set('futureField', { anything: true });
  items.push(['just a string', noId, badFields]);
  const v = meetingView(doc, T0);
  assert.equal(v.items.map((i) => [i.title, i.plannedSec, i.notes, i.done]), [
    ['Item 1', 300, '', false],
    ['', 0, '', false],
  ]);
  assert.equal(where(v.warnings), [
    'items[1]', 'items[2]',
    'items[3].futureField', 'items[3].title', 'items[3].plannedSec', 'items[3].notes', 'items[3].done',
  ]);
});

broken('unknown fields, clock event keys and document parts are ignored and reported', () => {
  const { doc, items } = meetingWith([5]);
  doc.getMap('meta').set('language', 'en');
  doc.getArray('clock').push([{ op: 'start', itemId: items[0]!, at: T0, by: 'x', tz: 'UTC' }]);
  doc.getMap('polls').set('p1', 'yes?');
  const v = meetingView(doc, T0 + 1000);
  assert.equal(where(v.warnings), ['meta.language', 'clock[0].tz', 'polls']);
  assert.ok(v.clock.started);
  const lib = new Y.Doc();
  lib.getMap('themes').set('x', 1);
  const t = new Y.Map<unknown>();
  t.set('name', 'Mine');
  t.set('icon', 'star');
  lib.getMap<unknown>('templates').set('templateTemplate0002', t);
  assert.equal(where(libraryView(lib).warnings), ['themes', 'templates.templateTemplate0002.icon']);
});

broken('a duplicate item id keeps the first entry', () => {
  const { doc, items } = meetingWith([5]);
  const dup = new Y.Map<unknown>();
  dup.set('id', items[0]!);
  dup.set('title', 'dup');
  doc.getArray('items').push([dup]);
  const v = meetingView(doc, T0);
  assert.equal(v.items.map((i) => i.title), ['Item 1']);
  assert.equal(v.warnings.map((w) => w.problem), ['duplicate id']);
});

broken('unknown and malformed clock events are skipped; the rest still folds', () => {
  const { doc, items } = meetingWith([5, 5]);
  startMeeting(doc, at(T0));
  doc.getArray('clock').push([
    { op: 'teleport', itemId: items[1]!, at: T0 + 1, by: 'x' },
    { op: 'next', itemId: items[0]!, at: 'soon' },
    { op: 'extend', itemId: items[0]!, sec: -5, at: T0 + 2, by: 'x' },
    'garbage',
    null,
    { op: 'next', itemId: items[0]!, to: 'not an id!', at: T0 + 3, by: 'x' },
    { op: 'pause', itemId: items[0]!, at: 8.64e15, by: 'x' },
  ]);
  const log = readClockLog(doc);
  assert.is(log.events.length, 1);
  assert.is(log.warnings.length, 7);
  assert.equal(log.warnings.at(-1)!.problem, 'time out of range');
  assert.is(clockView(log, T0 + 60_000).currentItemId, items[0]!);
  assert.is(meetingView(doc, T0).warnings.length, 7);
});

broken('a newer schema version is reported, and its data still read', () => {
  const { doc } = meetingWith([5]);
  doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
  doc.getMap('meta').set('title', { rich: 'title' });
  const v = meetingView(doc, T0);
  assert.equal(where(v.warnings), ['meta.schemaVersion', 'meta.title']);
  assert.is(v.items.length, 1);
});

broken('bad actions and decisions fields are defaulted with warnings', () => {
  const { doc } = meetingWith([]);
  const action = new Y.Map<unknown>();
  action.set('id', 'actionactionaction0001');
  action.set('text', 'Do it');
  action.set('due', 'tomorrow');
  action.set('itemId', 12);
  doc.getArray('actions').push([action]);
  doc.getArray('decisions').push([new Y.Map()]);
  const v = meetingView(doc, T0);
  assert.equal(v.actions.map((a) => [a.text, a.due, a.itemId]), [['Do it', null, null]]);
  assert.equal(where(v.warnings), ['actions[0].due', 'actions[0].itemId', 'decisions[0]']);
});

broken('a root of an unexpected type from another client does not throw', () => {
  const other = new Y.Doc();
  other.getMap('items').set('x', 1);
  other.getMap('clock').set('y', 2);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
  const v = meetingView(doc, T0);
  assert.equal([v.items.length, v.clock.eventCount], [0, 0]);
});

broken('malformed library entries are skipped with warnings', () => {
  const lib = new Y.Doc();
  const templates = lib.getMap<unknown>('templates');
  templates.set('notAnIdButAString', 'text');
  const t = new Y.Map<unknown>();
  t.set('name', 'Mine');
  t.set('items', [{ title: 'ok', plannedSec: 60 }, { title: 3 }, 'x']);
  templates.set('templateTemplate0001', t);
  const entry = new Y.Map<unknown>();
  entry.set('status', 'archived');
  lib.getMap<unknown>('meetings').set('meetingMeetingMeeting1', entry);
  const v = libraryView(lib);
  const mine = v.templates.find((x) => x.name === 'Mine')!;
  assert.equal(mine.items.map((i) => i.title), ['ok']);
  assert.is(v.meetings[0]!.status, 'planned');
  assert.equal(where(v.warnings), [
    'templates.notAnIdButAString', 'templates.templateTemplate0001.items[1]', 'templates.templateTemplate0001.items[2]',
    'meetings.meetingMeetingMeeting1.status',
  ]);
});

const values = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string(),
  fc.array(fc.jsonValue(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
);
const keys = fc.constantFrom('id', 'title', 'plannedSec', 'owner', 'prompt', 'notes', 'done', 'order', 'text', 'due', 'itemId', 'createdAt', 'op', 'at', 'to', 'sec', 'scheduledFor', 'durationSec', 'endedAt', 'schemaVersion', 'followUpOf', 'templateId', 'carriedFrom');

broken('property: any JSON in any field never makes a reader throw', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom('meta', 'item', 'action', 'clock'), keys, values), { maxLength: 12 }), (edits) => {
      const { doc, items } = meetingWith([5, 5]);
      startMeeting(doc, at(T0));
      for (const [target, key, raw] of edits) {
        if (raw === undefined) continue;
        // Plain JSON, as it would arrive from another client's update.
        const value: unknown = JSON.parse(JSON.stringify(raw) ?? 'null');
        if (target === 'meta') doc.getMap('meta').set(key, value);
        else if (target === 'item') (doc.getArray('items').get(0) as Y.Map<unknown>).set(key, value);
        else if (target === 'action') {
          const m = new Y.Map<unknown>();
          m.set(key, value);
          m.set('id', items[0]!);
          doc.getArray('actions').push([m]);
        } else doc.getArray('clock').push([{ op: 'next', itemId: items[0]!, to: items[1]!, at: T0, by: 'x', [key]: value }]);
      }
      meetingView(doc, T0 + 1000);
      meetingReport(doc, T0 + 1000);
      meetingMarkdown(doc, { timeZone: 'UTC' });
    }),
    { numRuns: 200, interruptAfterTimeLimit: 5000 },
  );
});

broken.run();
