// Usage events read from a meeting document: only this replica's own transactions count, the
// clock's transitions map to meeting started / item started / meeting ended whatever control
// caused them, and notes count once per meeting, the first time any are typed.
import * as Y from 'yjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  endMeeting,
  extendItem,
  itemNotesText,
  jumpToItem,
  meetingNotesText,
  nextItem,
  pauseClock,
  resumeClock,
  startMeeting,
} from '../../../crdt/index.ts';
import type { UsageEvent } from '../../../extension/data/usage-report.ts';
import { clockUsage, watchMeetingUsage } from '../../../extension/data/usage-watch.ts';
import { at, BOB, meetingWith, MIN, sync, T0 } from '../../crdt/helpers.ts';

function watched(minutes: number[]) {
  const meeting = meetingWith(minutes);
  const sent: UsageEvent[] = [];
  const stop = watchMeetingUsage(meeting.doc, (event) => sent.push(event));
  return { ...meeting, sent, stop };
}

const Watch = suite('usage watch');

Watch('start, next, jump and the last next map to their events; pause, resume and extend to none', () => {
  const { doc, items, sent } = watched([5, 5, 5]);
  const [a, b, c] = items as [typeof items[0], typeof items[0], typeof items[0]];
  assert.ok(startMeeting(doc, at(T0)));
  assert.equal(sent, ['meeting_started', 'item_started']);
  assert.ok(pauseClock(doc, at(T0 + MIN)));
  assert.ok(resumeClock(doc, at(T0 + 2 * MIN)));
  assert.ok(extendItem(doc, a, 60, at(T0 + 3 * MIN)));
  assert.equal(sent.length, 2, 'pause, resume and extend are not item starts');
  assert.ok(nextItem(doc, a, at(T0 + 4 * MIN)));
  assert.ok(jumpToItem(doc, c, at(T0 + 5 * MIN)));
  assert.equal(sent.slice(2), ['item_started', 'item_started']);
  assert.ok(nextItem(doc, c, at(T0 + 6 * MIN)));
  assert.equal(sent.slice(4), ['meeting_ended'], 'next from the last item ends the meeting');
  assert.not.ok(jumpToItem(doc, b, at(T0 + 7 * MIN)));
  assert.is(sent.length, 5);
});

Watch('End meeting counts once', () => {
  const { doc, sent } = watched([5, 5]);
  startMeeting(doc, at(T0));
  assert.ok(endMeeting(doc, at(T0 + MIN)));
  assert.not.ok(endMeeting(doc, at(T0 + 2 * MIN)));
  assert.equal(sent, ['meeting_started', 'item_started', 'meeting_ended']);
});

Watch("another replica's changes arriving here count nothing; ours after them are read against them", () => {
  const here = watched([5, 5, 5]);
  const there = new Y.Doc();
  sync(here.doc, there);
  startMeeting(there, at(T0, BOB));
  nextItem(there, here.items[0]!, at(T0 + MIN, BOB));
  meetingNotesText(there).insert(0, 'from Bob');
  sync(here.doc, there);
  assert.equal(here.sent, [], 'nothing of Bob is counted here');
  assert.ok(nextItem(here.doc, here.items[1]!, at(T0 + 2 * MIN)));
  meetingNotesText(here.doc).insert(0, 'mine too ');
  assert.equal(here.sent, ['item_started'], 'our next counts; notes already existed, so none are created');
});

Watch('notes count once per meeting, on the first typing, in the meeting or an item', () => {
  const { doc, items, sent } = watched([5, 5]);
  startMeeting(doc, at(T0));
  sent.length = 0;
  const notes = itemNotesText(doc, items[0]!);
  assert.ok(notes);
  for (const [i, ch] of [...'typed'].entries()) notes.insert(i, ch);
  meetingNotesText(doc).insert(0, 'more');
  assert.equal(sent, ['notes_created']);
});

Watch('a meeting loaded with notes already in it never counts notes', () => {
  const source = watched([5]);
  meetingNotesText(source.doc).insert(0, 'earlier');
  const reopened = new Y.Doc();
  const sent: UsageEvent[] = [];
  watchMeetingUsage(reopened, (event) => sent.push(event));
  Y.applyUpdate(reopened, Y.encodeStateAsUpdate(source.doc));
  meetingNotesText(reopened).insert(0, 'later ');
  assert.equal(sent, []);
});

Watch('after stop nothing is reported', () => {
  const { doc, sent, stop } = watched([5]);
  stop();
  startMeeting(doc, at(T0));
  meetingNotesText(doc).insert(0, 'x');
  assert.equal(sent, []);
});

Watch('clockUsage: a start straight into an ended meeting reports start and end, no item', () => {
  const idle = { started: false, ended: false, currentItemId: null };
  assert.equal(clockUsage(idle, { started: true, ended: true, currentItemId: null }), ['meeting_started', 'meeting_ended']);
  assert.equal(clockUsage(idle, idle), []);
});

Watch.run();
