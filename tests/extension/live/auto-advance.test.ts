// Auto-advance over a real meeting's clock: an item seen within its time is advanced once it
// runs over, also when the setting is switched on after; the last item never is (that would end
// the meeting); an item jumped back to after it ran over, or re-timed below what it has run, is
// not advanced at once; a paused clock is not advanced.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LiveMeeting } from '../../../extension/live/live-meeting.ts';
import { AutoAdvance } from '../../../extension/live/auto-advance.ts';
import { ALICE, meetingWith, MIN, T0 } from '../../crdt/helpers.ts';
import { removeItem, updateItem } from '../../../crdt/index.ts';

const test = suite('auto-advance');

function running(minutes: number[]) {
  const { doc, items } = meetingWith(minutes);
  let now = T0;
  const clock = { get now() { return now; }, corrected: () => now };
  const meeting = new LiveMeeting({ source: { doc, close: () => undefined }, clock, actor: () => ALICE });
  assert.ok(meeting.start());
  const advancer = new AutoAdvance();
  return {
    items,
    meeting,
    at(ms: number, enabled = true) {
      now = T0 + ms;
      return advancer.due(meeting.clock, meeting.view.items.length, enabled);
    },
  };
}

test('an item seen within its time is advanced once it runs over, once', () => {
  const { items, at } = running([2, 3]);
  assert.is(at(1 * MIN), null);
  assert.is(at(2 * MIN + 1), items[0]!);
  assert.is(at(2 * MIN + 2), null, 'not twice');
});

test('switched on while an item seen within its time is over, it advances that item', () => {
  const { items, at } = running([2, 3]);
  assert.is(at(1 * MIN, false), null);
  assert.is(at(3 * MIN, false), null, 'off: not advanced');
  assert.is(at(3 * MIN + 1, true), items[0]!);
});

test('the running item removed from the agenda is not advanced from, which would end the meeting', () => {
  const { items, meeting, at } = running([2, 3]);
  assert.ok(meeting.next());
  assert.is(at(1 * MIN), null, 'the second item, seen within its time');
  removeItem(meeting.doc, items[1]!);
  assert.is(at(1 * MIN + 1), null);
  assert.not.ok(meeting.clock.ended);
});

test('the last item is never advanced: that would end the meeting', () => {
  const { items, meeting, at } = running([2, 3]);
  assert.ok(meeting.next());
  assert.is(meeting.clock.currentItemId, items[1]!);
  assert.is(at(1 * MIN), null);
  assert.is(at(10 * MIN), null);
  assert.not.ok(meeting.clock.ended);
});

test('an item jumped back to after it ran over is not advanced at once', () => {
  const { items, meeting, at } = running([2, 3, 4]);
  assert.is(at(3 * MIN), null, 'first seen already over: not advanced');
  assert.ok(meeting.next());
  assert.is(at(3 * MIN + 1), null, 'the second item, within its time');
  assert.ok(meeting.jump(items[0]!));
  assert.is(meeting.clock.currentItemId, items[0]!);
  assert.is(at(3 * MIN + 2), null, 'back on the first, over from its first turn');
});

test('an item re-timed below what it has run is not advanced; one that then runs out again is', () => {
  const { items, meeting, at } = running([10, 3]);
  assert.is(at(4 * MIN), null);
  // "1" typed on the way to "15": over at once, by the time box, not by running out.
  updateItem(meeting.doc, items[0]!, { plannedSec: 60 });
  assert.is(at(4 * MIN + 100), null);
  updateItem(meeting.doc, items[0]!, { plannedSec: 5 * 60 });
  assert.is(at(4 * MIN + 200), null);
  assert.is(at(5 * MIN + 1), items[0]!, 'the new time box runs out: advanced');
});

test('a paused clock is not advanced', () => {
  const { meeting, at } = running([2, 3]);
  assert.is(at(1 * MIN), null);
  assert.ok(meeting.togglePause());
  assert.is(at(5 * MIN), null);
});

test.run();
