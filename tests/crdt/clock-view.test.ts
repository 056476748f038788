import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { clockView } from '../../crdt/index.ts';
import type { ClockEvent, ClockLog, ItemId } from '../../crdt/index.ts';
import { ALICE, BOB, MIN, T0 } from './helpers.ts';

const A = 'itemAAAAAAAAAAAAAAAAAA' as ItemId;
const B = 'itemBBBBBBBBBBBBBBBBBB' as ItemId;
const C = 'itemCCCCCCCCCCCCCCCCCC' as ItemId;
const plan = [{ id: A, plannedSec: 600 }, { id: B, plannedSec: 300 }, { id: C, plannedSec: 300 }];
const log = (events: ClockEvent[], durationSec: number | null = null): ClockLog => ({ events, items: plan, durationSec, warnings: [] });
const start: ClockEvent = { op: 'start', itemId: A, at: T0, by: ALICE };

const fold = suite('clockView fold');

fold('before start: nothing runs, the meeting plan is the sum of the items', () => {
  const v = clockView(log([]), T0);
  assert.equal([v.started, v.running, v.currentItemId, v.currentIndex], [false, false, null, -1]);
  assert.is(v.meetingPlannedMs, 1200 * 1000);
  assert.is(v.meetingRemainingMs, 1200 * 1000);
  assert.is(v.meetingElapsedMs, 0);
});

fold('running: elapsed and remaining for the item and the meeting at `now`', () => {
  const v = clockView(log([start]), T0 + 4 * MIN);
  assert.equal([v.started, v.running, v.paused, v.ended], [true, true, false, false]);
  assert.equal([v.currentItemId, v.currentIndex], [A, 0]);
  assert.is(v.itemElapsedMs, 4 * MIN);
  assert.is(v.itemRemainingMs, 6 * MIN);
  assert.is(v.meetingElapsedMs, 4 * MIN);
  assert.is(v.meetingRemainingMs, 16 * MIN);
  assert.not.ok(v.itemOverrun);
});

fold('overrun: item and meeting overrun with amounts', () => {
  const v = clockView(log([start], 660), T0 + 12 * MIN);
  assert.ok(v.itemOverrun);
  assert.is(v.itemOverrunMs, 2 * MIN);
  assert.is(v.itemRemainingMs, 0);
  assert.ok(v.meetingOverrun);
  assert.is(v.meetingOverrunMs, 1 * MIN);
});

fold('next from the current item advances; a second next from the same item is ignored', () => {
  const next1: ClockEvent = { op: 'next', itemId: A, to: B, at: T0 + 5 * MIN, by: ALICE };
  const next2: ClockEvent = { op: 'next', itemId: A, to: B, at: T0 + 5 * MIN + 200, by: BOB };
  const v = clockView(log([start, next1, next2]), T0 + 7 * MIN);
  assert.is(v.currentItemId, B);
  assert.is(v.actualMs[A], 5 * MIN);
  assert.is(v.actualMs[B], 2 * MIN);
  assert.equal(v.visited, [A, B]);
});

fold('next from the last item ends the meeting', () => {
  const events: ClockEvent[] = [start, { op: 'jump', itemId: C, at: T0 + MIN, by: ALICE }, { op: 'next', itemId: C, to: null, at: T0 + 3 * MIN, by: ALICE }];
  const v = clockView(log(events), T0 + 10 * MIN);
  assert.ok(v.ended);
  assert.is(v.endedAt, T0 + 3 * MIN);
  assert.is(v.meetingElapsedMs, 3 * MIN);
  assert.not.ok(v.running);
});

fold('pause stops all accrual; resume continues', () => {
  const events: ClockEvent[] = [
    start,
    { op: 'pause', itemId: A, at: T0 + 2 * MIN, by: ALICE },
    { op: 'resume', itemId: A, at: T0 + 7 * MIN, by: BOB },
  ];
  const paused = clockView(log(events.slice(0, 2)), T0 + 6 * MIN);
  assert.ok(paused.paused);
  assert.not.ok(paused.running);
  assert.is(paused.itemElapsedMs, 2 * MIN);
  assert.is(paused.meetingElapsedMs, 2 * MIN);
  const resumed = clockView(log(events), T0 + 8 * MIN);
  assert.is(resumed.itemElapsedMs, 3 * MIN);
  assert.is(resumed.meetingElapsedMs, 3 * MIN);
});

fold('extend adds time to the named item only while it is current', () => {
  const events: ClockEvent[] = [
    start,
    { op: 'extend', itemId: A, sec: 120, at: T0 + MIN, by: ALICE },
    { op: 'next', itemId: A, to: B, at: T0 + 2 * MIN, by: ALICE },
    { op: 'extend', itemId: A, sec: 60, at: T0 + 2 * MIN, by: BOB },
  ];
  const v = clockView(log(events), T0 + 2 * MIN);
  assert.equal(v.extendedSec, { [A]: 120 });
  assert.is(v.meetingPlannedMs, (1200 + 120) * 1000);
  const onA = clockView(log(events.slice(0, 2)), T0 + 11 * MIN);
  assert.is(onA.itemPlannedMs, 12 * MIN);
  assert.not.ok(onA.itemOverrun);
});

fold('a booked duration is the meeting plan; extensions do not stretch it', () => {
  const v = clockView(log([start, { op: 'extend', itemId: A, sec: 300, at: T0, by: ALICE }], 900), T0);
  assert.is(v.meetingPlannedMs, 900 * 1000);
});

fold('jump names its target; events after end are ignored', () => {
  const events: ClockEvent[] = [
    start,
    { op: 'jump', itemId: C, at: T0 + MIN, by: ALICE },
    { op: 'end', itemId: C, at: T0 + 2 * MIN, by: ALICE },
    { op: 'resume', itemId: C, at: T0 + 3 * MIN, by: BOB },
    { op: 'jump', itemId: B, at: T0 + 3 * MIN, by: BOB },
  ];
  const v = clockView(log(events), T0 + 30 * MIN);
  assert.is(v.currentItemId, C);
  assert.is(v.currentIndex, 2);
  assert.ok(v.ended);
  assert.equal(v.actualMs, { [A]: MIN, [C]: MIN });
  assert.equal(v.visited, [A, C]);
});

fold('events before start are ignored, and a second start is ignored', () => {
  const events: ClockEvent[] = [
    { op: 'pause', itemId: null, at: T0 - MIN, by: ALICE },
    start,
    { op: 'start', itemId: B, at: T0 + MIN, by: BOB },
  ];
  const v = clockView(log(events), T0 + 2 * MIN);
  assert.is(v.currentItemId, A);
  assert.is(v.startedAt, T0);
  assert.ok(v.running);
});

fold('an event stamped earlier than the one before it never makes time run back', () => {
  const events: ClockEvent[] = [
    start,
    { op: 'next', itemId: A, to: B, at: T0 + 5 * MIN, by: ALICE },
    { op: 'next', itemId: B, to: C, at: T0 + 3 * MIN, by: BOB },
  ];
  const v = clockView(log(events), T0 + 6 * MIN);
  assert.is(v.actualMs[B], 0);
  assert.is(v.actualMs[C], MIN);
  assert.is(v.meetingElapsedMs, 6 * MIN);
});

fold('a current item removed from the agenda still counts, at index -1 and no plan', () => {
  const v = clockView({ events: [start], items: [], durationSec: null, warnings: [] }, T0 + MIN);
  assert.is(v.currentIndex, -1);
  assert.is(v.itemPlannedMs, 0);
  assert.ok(v.itemOverrun);
});

fold('the view is frozen plain data', () => {
  const v = clockView(log([start]), T0);
  assert.ok(Object.isFrozen(v));
  assert.ok(Object.isFrozen(v.actualMs));
});

fold('an event from a clock that jumped years ahead counts as at most a week later', () => {
  const events: ClockEvent[] = [start, { op: 'pause', itemId: A, at: T0 + 20 * 365 * 24 * 60 * MIN, by: BOB }];
  const v = clockView(log(events), T0 + 30 * 365 * 24 * 60 * MIN);
  assert.is(v.paused, true);
  assert.is(v.meetingElapsedMs, 7 * 24 * 60 * MIN);
});

fold.run();
