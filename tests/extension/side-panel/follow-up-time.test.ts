// A follow-up is proposed for the same weekday and time a week on, never in the past; the date
// and time inputs round-trip that moment.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultFollowUpTime } from '../../../extension/side-panel/views/follow-up-time.ts';
import { dateAndTimeValues, parseDateAndTime } from '../../../extension/side-panel/views/datetime-input.ts';

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

test('a week after the scheduled time, same time of day', () => {
  const scheduled = local(2026, 3, 2, 10, 30);
  assert.is(defaultFollowUpTime(scheduled, local(2026, 3, 2, 11)), local(2026, 3, 9, 10, 30));
});

test('across a month end and a daylight-saving change the wall-clock time stays', () => {
  assert.is(defaultFollowUpTime(local(2026, 3, 27, 9), local(2026, 3, 27, 10)), local(2026, 4, 3, 9));
  assert.is(defaultFollowUpTime(local(2026, 10, 23, 9), local(2026, 10, 23, 10)), local(2026, 10, 30, 9));
});

test('a meeting from long ago proposes the first such slot still ahead', () => {
  const scheduled = local(2026, 1, 5, 14);
  const now = local(2026, 3, 4, 12);
  assert.is(defaultFollowUpTime(scheduled, now), local(2026, 3, 9, 14));
});

test('without a time of its own, a week from now, to the minute', () => {
  const now = local(2026, 3, 4, 12, 7) + 42_500;
  assert.is(defaultFollowUpTime(null, now), local(2026, 3, 11, 12, 7));
});

test('date and time input values round-trip; bad or missing parts', () => {
  const ms = local(2026, 3, 9, 10, 30);
  const { date, time } = dateAndTimeValues(ms);
  assert.equal([date, time], ['2026-03-09', '10:30']);
  assert.is(parseDateAndTime(date, time), ms);
  assert.is(parseDateAndTime(date, ''), local(2026, 3, 9));
  assert.is(parseDateAndTime('', '10:30'), null);
  assert.is(parseDateAndTime('2026-3-9', '10:30'), null);
});

test.run();
