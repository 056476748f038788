import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as Y from 'yjs';
import {
  clockView, endMeeting, extendItem, jumpToItem, meetingView, nextItem, pauseClock, readClockLog, resumeClock,
  removeItem, startMeeting, toggleClock, UnknownItemError,
} from '../../crdt/index.ts';
import type { ItemId } from '../../crdt/index.ts';
import { at, BOB, cloneDoc, invalidInput, meetingWith, MIN, sync, T0 } from './helpers.ts';

const ops = suite('clock operations');
const clock = (doc: Y.Doc, now: number) => clockView(readClockLog(doc), now);

ops('startMeeting starts at the first item, once; not on an empty agenda', () => {
  const { doc, items } = meetingWith([10, 5]);
  assert.ok(startMeeting(doc, at(T0)));
  assert.not.ok(startMeeting(doc, at(T0 + 1)));
  assert.is(clock(doc, T0).currentItemId, items[0]!);
  assert.is(meetingView(doc, T0).status, 'running');
  const empty = meetingWith([]);
  assert.not.ok(startMeeting(empty.doc, at(T0)));
});

ops('startMeeting can start at a chosen item', () => {
  const { doc, items } = meetingWith([10, 5]);
  assert.ok(startMeeting(doc, at(T0), items[1]!));
  assert.is(clock(doc, T0).currentIndex, 1);
});

ops('startMeeting refuses a malformed id and an id not on the agenda with named errors', () => {
  const { doc, items } = meetingWith([10, 5]);
  const other = meetingWith([5], 7).items[0]!;
  assert.throws(() => startMeeting(doc, at(T0), 'not an id' as ItemId), invalidInput);
  assert.throws(() => startMeeting(doc, at(T0), other), (e: unknown) => e instanceof UnknownItemError);
  assert.is(clock(doc, T0).started, false);
  assert.is(readClockLog(doc).events.length, 0);
  assert.ok(startMeeting(doc, at(T0), items[1]!));
  assert.throws(() => jumpToItem(doc, 'bad' as ItemId, at(T0 + 1)), invalidInput);
});

ops('nextItem advances from the named item only', () => {
  const { doc, items } = meetingWith([10, 5, 5]);
  assert.not.ok(nextItem(doc, items[0]!, at(T0)));
  startMeeting(doc, at(T0));
  assert.not.ok(nextItem(doc, items[1]!, at(T0 + MIN)));
  assert.ok(nextItem(doc, items[0]!, at(T0 + MIN)));
  assert.not.ok(nextItem(doc, items[0]!, at(T0 + MIN)));
  const v = meetingView(doc, T0 + 2 * MIN);
  assert.equal(v.items.map((i) => i.state), ['visited', 'current', 'upcoming']);
  assert.equal(v.items.map((i) => i.actualMs), [MIN, MIN, 0]);
});

ops('nextItem from the last item ends the meeting and records endedAt', () => {
  const { doc, items } = meetingWith([1, 1]);
  startMeeting(doc, at(T0));
  nextItem(doc, items[0]!, at(T0 + MIN));
  assert.ok(nextItem(doc, items[1]!, at(T0 + 2 * MIN)));
  const v = meetingView(doc, T0 + 5 * MIN);
  assert.is(v.status, 'ended');
  assert.is(v.endedAt, T0 + 2 * MIN);
  assert.ok(v.clock.ended);
});

ops('concurrent Next on two replicas advances once', () => {
  const { doc: a, items } = meetingWith([5, 5, 5]);
  startMeeting(a, at(T0));
  const b = cloneDoc(a);
  assert.ok(nextItem(a, items[0]!, at(T0 + MIN)));
  assert.ok(nextItem(b, items[0]!, at(T0 + MIN + 300, BOB)));
  sync(a, b);
  assert.is(clock(a, T0 + 2 * MIN).currentItemId, items[1]!);
  assert.equal(clock(a, T0 + 2 * MIN), clock(b, T0 + 2 * MIN));
  assert.is(readClockLog(a).events.length, 3);
});

ops('extendItem: only the current item, whole positive seconds', () => {
  const { doc, items } = meetingWith([5, 5]);
  startMeeting(doc, at(T0));
  assert.not.ok(extendItem(doc, items[1]!, 60, at(T0)));
  assert.ok(extendItem(doc, items[0]!, 60, at(T0)));
  assert.not.ok(extendItem(doc, items[0]!, 0, at(T0)));
  assert.throws(() => extendItem(doc, items[0]!, -60, at(T0)), invalidInput);
  const v = meetingView(doc, T0);
  assert.is(v.items[0]!.extendedSec, 60);
  assert.is(v.clock.itemPlannedMs, 6 * MIN);
});

ops('pauseClock and resumeClock toggle only from the right state', () => {
  const { doc } = meetingWith([5]);
  assert.not.ok(pauseClock(doc, at(T0)));
  startMeeting(doc, at(T0));
  assert.not.ok(resumeClock(doc, at(T0)));
  assert.ok(pauseClock(doc, at(T0 + MIN)));
  assert.not.ok(pauseClock(doc, at(T0 + MIN)));
  assert.ok(clock(doc, T0 + 3 * MIN).paused);
  assert.is(clock(doc, T0 + 3 * MIN).meetingElapsedMs, MIN);
  assert.ok(resumeClock(doc, at(T0 + 3 * MIN)));
  assert.is(clock(doc, T0 + 4 * MIN).meetingElapsedMs, 2 * MIN);
});

ops('jumpToItem goes to an agenda item; not to the current one or an unknown one', () => {
  const { doc, items } = meetingWith([5, 5, 5]);
  assert.not.ok(jumpToItem(doc, items[2]!, at(T0)));
  startMeeting(doc, at(T0));
  assert.not.ok(jumpToItem(doc, items[0]!, at(T0)));
  assert.ok(jumpToItem(doc, items[2]!, at(T0 + MIN)));
  assert.is(clock(doc, T0 + MIN).currentIndex, 2);
  assert.not.ok(jumpToItem(doc, 'unknownunknownunknown0' as never, at(T0 + MIN)));
});

ops('endMeeting ends once and stops the clock', () => {
  const { doc } = meetingWith([5]);
  assert.not.ok(endMeeting(doc, at(T0)));
  startMeeting(doc, at(T0));
  assert.ok(endMeeting(doc, at(T0 + 4 * MIN)));
  assert.not.ok(endMeeting(doc, at(T0 + 5 * MIN)));
  const v = meetingView(doc, T0 + 60 * MIN);
  assert.equal([v.status, v.endedAt, v.clock.meetingElapsedMs], ['ended', T0 + 4 * MIN, 4 * MIN]);
});

ops('two devices ending at once agree on one end time', () => {
  const { doc: a } = meetingWith([5]);
  startMeeting(a, at(T0));
  const b = cloneDoc(a);
  endMeeting(a, at(T0 + 2 * MIN));
  endMeeting(b, at(T0 + 3 * MIN, BOB));
  sync(a, b);
  const [va, vb] = [meetingView(a, T0 + 9 * MIN), meetingView(b, T0 + 9 * MIN)];
  assert.is(va.endedAt, vb.endedAt);
  assert.is(va.endedAt, va.clock.endedAt);
});

ops('clock operations refuse a non-finite time', () => {
  const { doc } = meetingWith([5]);
  assert.throws(() => startMeeting(doc, at(Number.NaN)), invalidInput);
});

ops('replicas with different local clocks agree when they stamp corrected time', () => {
  const { doc: a, items } = meetingWith([5, 5]);
  const b = cloneDoc(a);
  const relayNow = T0 + 10 * MIN;
  // b's local clock is 3 minutes fast; its offset estimate corrects the stamp.
  const bLocal = relayNow + 3 * MIN;
  startMeeting(b, at(bLocal - 3 * MIN, BOB));
  sync(a, b);
  assert.is(clock(a, relayNow + MIN).itemElapsedMs, MIN);
  assert.equal(clock(a, relayNow + MIN), clock(b, relayNow + MIN));
  assert.is(clock(a, relayNow).currentItemId, items[0]!);
});

ops('Next on an item a co-editor removed meanwhile goes on with the first unvisited item', () => {
  const { doc: a, items } = meetingWith([5, 5, 5]);
  startMeeting(a, at(T0));
  const b = cloneDoc(a);
  nextItem(a, items[0]!, at(T0 + 5 * MIN));
  removeItem(b, items[1]!);
  sync(a, b);
  const merged = clock(a, T0 + 6 * MIN);
  assert.equal([merged.currentItemId, merged.currentIndex], [items[1]!, -1]);
  assert.ok(nextItem(a, items[1]!, at(T0 + 7 * MIN)));
  const after = clock(a, T0 + 8 * MIN);
  assert.equal([after.ended, after.currentItemId], [false, items[2]!]);
});

ops('clock operations refuse a device time outside 2000..2200', () => {
  const { doc } = meetingWith([5]);
  assert.throws(() => startMeeting(doc, at(8.64e15)), invalidInput);
  assert.throws(() => startMeeting(doc, at(0)), invalidInput);
});

ops('toggleClock pauses a counting clock and resumes a paused one; nothing before the start or after the end', () => {
  const { doc } = meetingWith([10, 5]);
  assert.not.ok(toggleClock(doc, at(T0)));
  startMeeting(doc, at(T0));
  assert.ok(toggleClock(doc, at(T0 + MIN)));
  assert.ok(clock(doc, T0 + MIN).paused);
  assert.ok(toggleClock(doc, at(T0 + 2 * MIN)));
  assert.ok(clock(doc, T0 + 2 * MIN).running);
  endMeeting(doc, at(T0 + 3 * MIN));
  assert.not.ok(toggleClock(doc, at(T0 + 4 * MIN)));
  assert.is(readClockLog(doc).events.length, 4);
});

ops.run();
