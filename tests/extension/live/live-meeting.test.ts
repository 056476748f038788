// LiveMeeting over real Y.Docs: the clock folds at the clock source's `now`, commands are
// stamped with its corrected time and the context's actor, a stale Next from two replicas
// advances once, the read model follows changes, and closing gives the document back.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readClockLog } from '../../../crdt/index.ts';
import { LiveMeeting } from '../../../extension/live/live-meeting.ts';
import type { ClockSource } from '../../../extension/live/clock-source.ts';
import { ALICE, BOB, cloneDoc, meetingWith, MIN, sync, T0 } from '../../crdt/helpers.ts';
import type * as Y from 'yjs';
import type { ActorId } from '../../../crdt/index.ts';

const test = suite('live meeting');

/** A clock the test moves by hand; `shown` may stand still while `stampAt` goes on (the viewer offline). */
function handClock(at: number): ClockSource & { set(ms: number): void; freeze(ms: number | null): void } {
  let current = at;
  let frozen: number | null = null;
  return {
    get now() {
      return frozen ?? current;
    },
    corrected: () => current,
    set(ms) {
      current = ms;
    },
    freeze(ms) {
      frozen = ms;
    },
  };
}

function live(doc: Y.Doc, clock: ClockSource, actor: ActorId = ALICE, onClose: () => void = () => undefined): LiveMeeting {
  return new LiveMeeting({ source: { doc, close: onClose }, clock, actor: () => actor });
}

test('commands are stamped with the corrected time and the actor; the clock folds at now', () => {
  const { doc, items } = meetingWith([10, 5]);
  const clock = handClock(T0);
  const meeting = live(doc, clock);
  assert.ok(meeting.start());
  clock.set(T0 + 4 * MIN);
  assert.is(meeting.clock.itemRemainingMs, 6 * MIN);
  assert.ok(meeting.extend(60));
  assert.ok(meeting.togglePause());
  assert.ok(meeting.clock.paused);
  clock.set(T0 + 5 * MIN);
  assert.ok(meeting.togglePause());
  assert.ok(meeting.next());
  assert.is(meeting.clock.currentItemId, items[1]!);
  assert.ok(meeting.jump(items[0]!));
  assert.ok(meeting.end());
  assert.not.ok(meeting.togglePause(), 'nothing to pause after the end');
  const events = readClockLog(doc).events;
  assert.equal(events.map((e) => e.op), ['start', 'extend', 'pause', 'resume', 'next', 'jump', 'end']);
  assert.ok(events.every((e) => e.by === ALICE));
  assert.equal(events.map((e) => e.at), [T0, T0 + 4 * MIN, T0 + 4 * MIN, T0 + 5 * MIN, T0 + 5 * MIN, T0 + 5 * MIN, T0 + 5 * MIN]);
});

test('two replicas pressing Next on the same item advance once', () => {
  const { doc, items } = meetingWith([10, 5, 5]);
  const clock = handClock(T0);
  const here = live(doc, clock, ALICE);
  here.start();
  const otherDoc = cloneDoc(doc);
  const there = live(otherDoc, clock, BOB);
  clock.set(T0 + MIN);
  assert.ok(here.next());
  assert.ok(there.next());
  sync(doc, otherDoc);
  assert.is(here.clock.currentItemId, items[1]!);
  assert.is(there.clock.currentItemId, items[1]!);
  assert.not.ok(here.next(items[0]!), 'a Next from the item already left does nothing');
});

test('a clock standing still shows its moment, while actions are stamped with the real time', () => {
  const { doc } = meetingWith([10]);
  const clock = handClock(T0);
  const meeting = live(doc, clock);
  meeting.start();
  clock.freeze(T0 + MIN);
  clock.set(T0 + 3 * MIN);
  assert.is(meeting.now, T0 + MIN);
  assert.is(meeting.clock.itemRemainingMs, 9 * MIN);
  assert.is(meeting.snapshot().clock.itemRemainingMs, 9 * MIN);
  meeting.togglePause();
  assert.is(readClockLog(doc).events.at(-1)!.at, T0 + 3 * MIN);
});

test('the view follows every change, local or remote, and onChange reports it', () => {
  const { doc, items } = meetingWith([10, 5]);
  const meeting = live(doc, handClock(T0));
  assert.is(meeting.view.status, 'planned');
  let changes = 0;
  const stop = meeting.onChange(() => changes++);
  const remote = cloneDoc(doc);
  live(remote, handClock(T0), BOB).start(items[1]);
  sync(remote, doc);
  assert.is(meeting.view.status, 'running');
  assert.is(meeting.clock.currentItemId, items[1]!);
  assert.is(changes, 1);
  stop();
  meeting.end();
  assert.is(changes, 1);
  assert.is(meeting.view.status, 'ended');
});

test('close gives the source back', () => {
  let closed = 0;
  const meeting = live(meetingWith([1]).doc, handClock(T0), ALICE, () => closed++);
  meeting.close();
  assert.is(closed, 1);
});

test.run();
