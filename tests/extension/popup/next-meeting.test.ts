// The meeting the idle popup offers: planned ones only, the soonest scheduled first, else the
// one made last; the order never depends on how the index happened to list them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { MeetingId, MeetingIndexEntry, MeetingStatus } from '../../../crdt/index.ts';
import { nextMeeting } from '../../../extension/popup/next-meeting.ts';

const entry = (id: string, status: MeetingStatus, scheduledFor: number | null, createdAt = 0): MeetingIndexEntry => ({
  id: id as MeetingId, title: id, scheduledFor, status, createdAt, updatedAt: createdAt, followUpOf: null,
});

test('the soonest scheduled planned meeting comes first; running and ended ones never', () => {
  const list = [entry('late', 'planned', 300), entry('ran', 'ended', 50), entry('now', 'running', 60), entry('soon', 'planned', 100), entry('loose', 'planned', null, 999)];
  assert.is(nextMeeting(list)?.id, 'soon');
});

test('without a schedule, the meeting made last', () => {
  assert.is(nextMeeting([entry('old', 'planned', null, 1), entry('new', 'planned', null, 5)])?.id, 'new');
  assert.is(nextMeeting([entry('done', 'ended', null, 5)]), null);
  assert.is(nextMeeting([]), null);
});

test('the choice is the same whatever order the index lists them in', () => {
  const arb = fc.array(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      status: fc.constantFrom<MeetingStatus>('planned', 'running', 'ended'),
      at: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      created: fc.integer({ min: 0, max: 5 }),
    }),
    { maxLength: 8 },
  );
  fc.assert(
    fc.property(arb, (rows) => {
      const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
      const list = unique.map((r) => entry(r.id, r.status, r.at, r.created));
      return nextMeeting(list)?.id === nextMeeting(list.toReversed())?.id;
    }),
  );
});

test.run();
