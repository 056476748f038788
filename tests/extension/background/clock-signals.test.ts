// The background's pure decisions: badge text, which alarms to schedule and when, whether a
// firing alarm still applies, and the overlay snapshot — on real meeting documents.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { meetingView, nextItem, pauseClock, startMeeting, extendItem, updateItem } from '../../../crdt/index.ts';
import {
  alarmName,
  alarmStillApplies,
  badgeFor,
  nextItemTitle,
  overtakenSignal,
  overtakenStillDue,
  parseAlarmName,
  planAlarms,
  snapshotFor,
} from '../../../extension/background/clock-signals.ts';
import { at, meetingWith, MIN, T0 } from '../../crdt/helpers.ts';

const test = suite('background clock signals');

test('nothing before a meeting starts', () => {
  const { doc } = meetingWith([5, 10]);
  const view = meetingView(doc, T0);
  assert.equal(badgeFor(view), { text: '', tone: 'none' });
  assert.equal(badgeFor(null), { text: '', tone: 'none' });
  assert.equal(planAlarms(view, 1_000, 2), []);
  assert.is(snapshotFor(view, 1_000).active, false);
});

test('running: badge rounds minutes up; warn and time-up alarms at the right local times', () => {
  const { doc, items } = meetingWith([5, 10]);
  startMeeting(doc, at(T0));
  const view = meetingView(doc, T0 + 30_000);
  assert.equal(badgeFor(view), { text: '5m', tone: 'running' });
  const local = 1_000_000;
  const alarms = planAlarms(view, local, 2);
  assert.equal(alarms, [
    { name: alarmName('warn', items[0]!, 1, 5 * MIN), when: local + 4.5 * MIN - 2 * MIN },
    { name: alarmName('timesup', items[0]!, 1, 5 * MIN), when: local + 4.5 * MIN },
  ]);
  assert.is(nextItemTitle(view), 'Item 2');
  const snap = snapshotFor(view, local);
  assert.equal({ active: snap.active, item: snap.itemTitle, left: snap.itemRemainingMs }, { active: true, item: 'Item 1', left: 4.5 * MIN });
});

test('no early warning once inside the warning window, or when it is set to 0', () => {
  const { doc } = meetingWith([5]);
  startMeeting(doc, at(T0));
  assert.equal(planAlarms(meetingView(doc, T0 + 4 * MIN), 0, 2).map((a) => parseAlarmName(a.name)?.kind), ['timesup']);
  assert.equal(planAlarms(meetingView(doc, T0), 0, 0).map((a) => parseAlarmName(a.name)?.kind), ['timesup']);
});

test('overrun: badge says +N minutes; no alarms are left to plan', () => {
  const { doc } = meetingWith([1, 1]);
  startMeeting(doc, at(T0));
  const view = meetingView(doc, T0 + 3.5 * MIN);
  assert.equal(badgeFor(view), { text: '+3m', tone: 'overrun' });
  assert.equal(planAlarms(view, 0, 2), []);
});

test('paused: badge kept with its own tone, alarms cleared; last item has no next title', () => {
  const { doc, items } = meetingWith([5]);
  startMeeting(doc, at(T0));
  pauseClock(doc, at(T0 + MIN));
  const view = meetingView(doc, T0 + 3 * MIN);
  assert.equal(badgeFor(view), { text: '4m', tone: 'paused' });
  assert.equal(planAlarms(view, 0, 2), []);
  assert.is(nextItemTitle(view), null);
  assert.is(snapshotFor(view, 0).paused, true);
  assert.ok(items[0]);
});

test('an alarm is stale after any clock event: next, extend', () => {
  const { doc, items } = meetingWith([5, 5]);
  startMeeting(doc, at(T0));
  const [warn] = planAlarms(meetingView(doc, T0), 0, 2);
  const parsed = parseAlarmName(warn!.name)!;
  assert.ok(alarmStillApplies(parsed, meetingView(doc, T0 + MIN)));
  extendItem(doc, items[0]!, 60, at(T0 + MIN));
  assert.not.ok(alarmStillApplies(parsed, meetingView(doc, T0 + MIN)));
  const [, timesUp] = planAlarms(meetingView(doc, T0 + MIN), 0, 2);
  nextItem(doc, items[0]!, at(T0 + 2 * MIN));
  assert.not.ok(alarmStillApplies(parseAlarmName(timesUp!.name)!, meetingView(doc, T0 + 2 * MIN)));
});

test('the running item given another time box: its alarms are stale, and the new ones have new names at the new times', () => {
  const { doc, items } = meetingWith([10, 5]);
  startMeeting(doc, at(T0));
  const before = planAlarms(meetingView(doc, T0), 0, 2);
  const timesUp = parseAlarmName(before[1]!.name)!;
  updateItem(doc, items[0]!, { plannedSec: 20 * 60 });
  const view = meetingView(doc, T0 + 10 * MIN);
  assert.not.ok(alarmStillApplies(timesUp, view), 'the old time-up at minute 10 no longer applies');
  const after = planAlarms(meetingView(doc, T0), 0, 2);
  assert.equal(after.map((a) => a.when), [18 * MIN, 20 * MIN]);
  assert.ok(after.every((a) => !before.some((b) => b.name === a.name)), 'new names, so the old alarms are replaced');
  assert.ok(alarmStillApplies(parseAlarmName(after[1]!.name)!, meetingView(doc, T0 + 20 * MIN)));
});

test('the running item shortened below what has run: its pending time-up is announced now, under the new name', () => {
  const { doc, items } = meetingWith([10, 5]);
  startMeeting(doc, at(T0));
  const pending = planAlarms(meetingView(doc, T0), 0, 2).map((a) => a.name);
  updateItem(doc, items[0]!, { plannedSec: 3 * 60 });
  const view = meetingView(doc, T0 + 4 * MIN);
  assert.equal(planAlarms(view, 0, 2), [], 'an overrun item plans nothing');
  assert.equal(overtakenSignal(pending, view, 2), { kind: 'timesup', name: alarmName('timesup', items[0]!, 1, 3 * MIN) });
  assert.is(overtakenSignal([], view, 2), null, 'nothing was pending: already announced, or never planned on this device');
  assert.is(overtakenSignal(pending.slice(0, 1), view, 2)?.kind, 'timesup', 'a pending warning is overtaken by the time-up too');
});

test('an overtaken signal is still due only while the item keeps that time box: typing "15" passes through "1"', () => {
  const { doc, items } = meetingWith([10, 5]);
  startMeeting(doc, at(T0));
  const pending = planAlarms(meetingView(doc, T0), 0, 2).map((a) => a.name);
  updateItem(doc, items[0]!, { plannedSec: 60 });
  const signal = overtakenSignal(pending, meetingView(doc, T0 + 4 * MIN), 2)!;
  assert.is(signal.kind, 'timesup');
  assert.ok(overtakenStillDue(signal, meetingView(doc, T0 + 4 * MIN), 2), 'left at 1:00, it is announced');
  updateItem(doc, items[0]!, { plannedSec: 15 * 60 });
  assert.not.ok(overtakenStillDue(signal, meetingView(doc, T0 + 4 * MIN), 2), 'typed on to 15:00: nothing');
  updateItem(doc, items[0]!, { plannedSec: 60 });
  nextItem(doc, items[0]!, at(T0 + 4 * MIN));
  assert.not.ok(overtakenStillDue(signal, meetingView(doc, T0 + 5 * MIN), 2), 'moved on meanwhile: nothing');
});

test('shortened past the warning point only: the warning is announced, and only when one was pending', () => {
  const { doc, items } = meetingWith([10, 5]);
  startMeeting(doc, at(T0));
  const pending = planAlarms(meetingView(doc, T0), 0, 2).map((a) => a.name);
  updateItem(doc, items[0]!, { plannedSec: 5 * 60 });
  const view = meetingView(doc, T0 + 4 * MIN);
  assert.equal(overtakenSignal(pending, view, 2), { kind: 'warn', name: alarmName('warn', items[0]!, 1, 5 * MIN) });
  assert.is(overtakenSignal(pending.slice(1), view, 2), null, 'the warning had fired already');
  assert.is(overtakenSignal(pending, view, 0), null, 'warnings are off');
});

test('alarms cleared for any other reason announce nothing', () => {
  const { doc, items } = meetingWith([10, 5]);
  startMeeting(doc, at(T0));
  const pending = planAlarms(meetingView(doc, T0), 0, 2).map((a) => a.name);
  // Lengthened: still within time.
  updateItem(doc, items[0]!, { plannedSec: 20 * 60 });
  assert.is(overtakenSignal(pending, meetingView(doc, T0 + 4 * MIN), 2), null);
  // The same time box, overrun because the alarm was cleared late (the worker was asleep).
  updateItem(doc, items[0]!, { plannedSec: 10 * 60 });
  assert.is(overtakenSignal(pending, meetingView(doc, T0 + 11 * MIN), 2), null);
  // Paused, then shortened: nothing counts, so nothing is announced.
  pauseClock(doc, at(T0 + 4 * MIN));
  updateItem(doc, items[0]!, { plannedSec: 60 });
  assert.is(overtakenSignal(pending, meetingView(doc, T0 + 5 * MIN), 2), null);
  // Another item is current after Next.
  const other = meetingWith([10, 5]);
  startMeeting(other.doc, at(T0));
  const otherPending = planAlarms(meetingView(other.doc, T0), 0, 2).map((a) => a.name);
  nextItem(other.doc, other.items[0]!, at(T0 + 11 * MIN));
  updateItem(other.doc, other.items[1]!, { plannedSec: 0 });
  assert.is(overtakenSignal(otherPending, meetingView(other.doc, T0 + 12 * MIN), 2), null);
});

test('alarm names round-trip and foreign names are rejected', () => {
  assert.equal(parseAlarmName(alarmName('timesup', 'abcdefghijklmnop', 7, 300_000)), { kind: 'timesup', itemId: 'abcdefghijklmnop', eventCount: 7, plannedMs: 300_000 });
  assert.is(parseAlarmName('ltm:tick'), null);
  assert.is(parseAlarmName('ltm:timesup:abcdefghijklmnop:7'), null, 'the names before the time box was in them');
  for (const odd of [500.5, 1e21]) {
    const parsed = parseAlarmName(alarmName('warn', 'abcdefghijklmnop', 1, odd));
    assert.ok(parsed, `a time box of ${odd} ms still makes a name`);
  }
  assert.is(parseAlarmName('other:warn:x:1'), null);
});

test.run();
